/* Chapter 06's latent space explorer: the held-out codes z_mean coloured by
 * digit; drag, tap or use the arrow keys to move z and see the decoder mean
 * at z at once; mark two codes A and B and step from one to the other. */
(function () {
  "use strict";
  const STEPS = 8;
  const PLANE = 340;
  const DIGIT = 140;
  const THUMB = 36;

  const kinds = (window.VAEBOOK_WIDGET_KINDS = window.VAEBOOK_WIDGET_KINDS || {});
  kinds["latent-explorer"] = function (W, host, data) {
    const arrays = W.decodeAll(data);
    const decodeInput = W.network(W.decoderLayers(arrays));
    const codes = arrays.codes;
    const labels = arrays.labels;
    const count = labels.length;
    const extent = data.extent;
    const map = W.plane(PLANE, extent, 22);

    function decode(z) {
      return decodeInput(Float32Array.from(z));
    }
    function centre(digit) {
      let s1 = 0;
      let s2 = 0;
      let n = 0;
      for (let i = 0; i < count; i++) {
        if (labels[i] === digit) {
          s1 += codes[2 * i];
          s2 += codes[2 * i + 1];
          n++;
        }
      }
      return [s1 / n, s2 / n];
    }
    function nearest(z) {
      let best = 0;
      let bestDistance = Infinity;
      for (let i = 0; i < count; i++) {
        const d = (codes[2 * i] - z[0]) ** 2 + (codes[2 * i + 1] - z[1]) ** 2;
        if (d < bestDistance) {
          bestDistance = d;
          best = i;
        }
      }
      return labels[best];
    }

    const state = { z: centre(0), a: centre(0), b: centre(1), step: 0 };
    let pixels = decode(state.z);

    // the page: plane | decoded digit, readout, buttons; the A-B strip
    const root = W.element("div", "vw vw-latent");
    const { row, planeCanvas, side, digitCanvas, readout } = W.planeAndDigit(
      host,
      PLANE,
      DIGIT,
      "Latent plane with the held-out codes coloured by digit. Drag or tap " +
        "to choose z; arrow keys move z by 0.1, with Shift by 0.5.",
      "decoder mean at z"
    );
    const buttons = W.element("div", "vw-buttons");
    buttons.append(
      W.button("Mark A", () => mark("a"), "Mark the current z as A"),
      W.button("Mark B", () => mark("b"), "Mark the current z as B"),
      W.button("Step A \u2192 B", stepAB, "Move z one step along the line from A to B")
    );
    side.append(buttons);
    const stripLabel = W.element("p", "vw-small", "");
    const strip = W.canvas((STEPS + 1) * THUMB, THUMB, "");
    strip.element.className = "vw-strip";
    root.append(row, stripLabel, strip.element);
    host.append(root);

    // the scatter is drawn once per theme; markers on top at every move
    let scatter = null;
    function drawScatter() {
      scatter = W.canvas(PLANE, PLANE);
      const context = scatter.context;
      W.drawAxes(context, map);
      context.globalAlpha = 0.7;
      for (let i = 0; i < count; i++) {
        context.fillStyle = W.TAB10[labels[i]];
        context.beginPath();
        context.arc(map.toX(codes[2 * i]), map.toY(codes[2 * i + 1]), 2, 0, 2 * Math.PI);
        context.fill();
      }
      context.globalAlpha = 1;
      // a legend: the ten digits in their colours, along the top
      context.font = "bold 11px system-ui, sans-serif";
      for (let d = 0; d < 10; d++) {
        context.fillStyle = W.TAB10[d];
        context.fillText(String(d), map.margin + 10 + d * 13, 9);
      }
    }

    function drawPlane() {
      const c = W.colors();
      const context = planeCanvas.context;
      context.clearRect(0, 0, PLANE, PLANE);
      context.drawImage(scatter.element, 0, 0, PLANE, PLANE);
      // the line from A to B, and the two ends
      context.strokeStyle = c.text;
      context.setLineDash([4, 3]);
      context.beginPath();
      context.moveTo(map.toX(state.a[0]), map.toY(state.a[1]));
      context.lineTo(map.toX(state.b[0]), map.toY(state.b[1]));
      context.stroke();
      context.setLineDash([]);
      context.font = "bold 13px system-ui, sans-serif";
      context.fillStyle = c.text;
      context.fillText("A", map.toX(state.a[0]) + 9, map.toY(state.a[1]) - 9);
      context.fillText("B", map.toX(state.b[0]) + 9, map.toY(state.b[1]) - 9);
      // z: a ring with a cross
      const x = map.toX(state.z[0]);
      const y = map.toY(state.z[1]);
      context.strokeStyle = c.accent;
      context.lineWidth = 2.5;
      context.beginPath();
      context.arc(x, y, 8, 0, 2 * Math.PI);
      context.moveTo(x - 13, y);
      context.lineTo(x + 13, y);
      context.moveTo(x, y - 13);
      context.lineTo(x, y + 13);
      context.stroke();
      context.lineWidth = 1;
    }

    function drawStrip() {
      const c = W.colors();
      const context = strip.context;
      context.fillStyle = c.background;
      context.fillRect(0, 0, (STEPS + 1) * THUMB, THUMB);
      for (let k = 0; k <= STEPS; k++) {
        const t = k / STEPS;
        const z = [
          state.a[0] + t * (state.b[0] - state.a[0]),
          state.a[1] + t * (state.b[1] - state.a[1]),
        ];
        W.drawDigit(context, decode(z), k * THUMB + 2, 2, THUMB - 4);
      }
      context.strokeStyle = c.accent;
      context.lineWidth = 2;
      context.strokeRect(state.step * THUMB + 1, 1, THUMB - 2, THUMB - 2);
      context.lineWidth = 1;
      stripLabel.textContent =
        "From A to B in " + STEPS + " steps (the frame: the last step taken)";
      strip.element.setAttribute(
        "aria-label",
        "Decoder means at " + (STEPS + 1) + " evenly spaced points from A to B"
      );
    }

    function describe() {
      const z = state.z;
      const density = W.priorDensity(z);
      return (
        "z = (" + W.format(z[0]) + ", " + W.format(z[1]) + "); prior density " +
        "p(z) = " + density.toFixed(3) + " (ln p(z) = " +
        W.format(Math.log(density)) + "); nearest held-out code: a " + nearest(z) + "."
      );
    }

    function update() {
      pixels = decode(state.z);
      W.drawDigit(digitCanvas.context, pixels, 0, 0, DIGIT);
      drawPlane();
      const text = describe();
      readout.textContent = text;
      digitCanvas.element.setAttribute("aria-label", "Decoder mean at " + text);
    }

    function moveTo(z) {
      state.z = z;
      update();
    }
    function mark(which) {
      state[which] = state.z.slice();
      state.step = 0;
      drawStrip();
      update();
    }
    function stepAB() {
      state.step = (state.step % STEPS) + 1;
      const t = state.step / STEPS;
      state.z = [
        state.a[0] + t * (state.b[0] - state.a[0]),
        state.a[1] + t * (state.b[1] - state.a[1]),
      ];
      drawStrip();
      update();
    }

    W.control(planeCanvas.element, map, () => state.z, moveTo);
    function redraw() {
      drawScatter();
      drawStrip();
      update();
    }
    W.onThemeChange(redraw);
    redraw();

    return {
      decode: (z) => Array.from(decode(z)),
      pixels: () => Array.from(pixels),
      getZ: () => state.z.slice(),
      setZ: moveTo,
      extent: extent,
    };
  };
  if (window.VaebookWidgets) window.VaebookWidgets.start();
})();
