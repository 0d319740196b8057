/* Chapter 13's conditional VAE: choose a label y and a style point z (in the
 * plane, or the code of a held-out digit) and see the decoder mean of
 * p(x | z, y); the same z under all ten labels as a live row. */
(function () {
  "use strict";
  const PLANE = 260;
  const DIGIT = 140;
  const ROW = 34;
  const LABELS = 10;

  const kinds = (window.VAEBOOK_WIDGET_KINDS = window.VAEBOOK_WIDGET_KINDS || {});
  kinds["conditional"] = function (W, host, data) {
    const arrays = W.decodeAll(data);
    const decodeInput = W.network(W.decoderLayers(arrays));
    const codes = arrays.codes;
    const images = arrays.images;
    const imageLabels = arrays.labels;
    const shown = imageLabels.length;
    const latent = codes.length / shown;
    const extent = data.extent;
    const map = W.plane(PLANE, extent, 22);

    function decode(z, label) {
      const input = new Float32Array(latent + LABELS);
      input.set(z);
      input[latent + label] = 1;
      return decodeInput(input);
    }
    function code(index) {
      return Array.from(codes.slice(latent * index, latent * (index + 1)));
    }

    const state = { z: code(4), label: 4, source: 4 };
    let pixels = null;

    const root = W.element("div", "vw vw-cvae");
    const labelRow = W.element("div", "vw-labels");
    labelRow.setAttribute("role", "radiogroup");
    labelRow.setAttribute("aria-label", "Label y");
    labelRow.append(W.element("span", "vw-small", "label y:"));
    const labelButtons = [];
    for (let y = 0; y < LABELS; y++) {
      const b = W.button(String(y), () => chooseLabel(y), "label " + y);
      b.setAttribute("role", "radio");
      b.addEventListener("keydown", function (event) {
        const delta = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
        if (delta === undefined) return;
        chooseLabel((state.label + delta + LABELS) % LABELS);
        labelButtons[state.label].focus();
        event.preventDefault();
      });
      labelButtons.push(b);
      labelRow.append(b);
    }
    const { row, planeCanvas, digitCanvas, readout } = W.planeAndDigit(
      host,
      PLANE,
      DIGIT,
      "Style plane: the prior N(0, I) of z, with the codes of ten held-out " +
        "digits. Drag or tap to choose z; arrow keys move z by 0.1, with " +
        "Shift by 0.5.",
      "decoder mean at z and y"
    );

    const heldOutLabel = W.element(
      "p", "vw-small", "Use the code z_mean of a held-out digit:"
    );
    const heldOut = W.element("div", "vw-thumbs");
    const thumbs = [];
    for (let i = 0; i < shown; i++) {
      const b = W.button("", () => useCode(i), "held-out digit " + i + ", a " + imageLabels[i]);
      const c = W.canvas(28, 28);
      b.append(c.element);
      thumbs.push([b, c]);
      heldOut.append(b);
    }
    const allLabel = W.element("p", "vw-small", "Same z, all ten labels (tap one to choose it):");
    const all = W.canvas(LABELS * ROW, ROW, "");
    all.element.className = "vw-strip";
    all.element.addEventListener("click", function (event) {
      const box = all.element.getBoundingClientRect();
      chooseLabel(Math.min(LABELS - 1, Math.floor(((event.clientX - box.left) / box.width) * LABELS)));
    });
    root.append(labelRow, row, heldOutLabel, heldOut, allLabel, all.element);
    host.append(root);

    function drawPlane() {
      const c = W.colors();
      const context = planeCanvas.context;
      W.drawAxes(context, map);
      context.font = "bold 11px system-ui, sans-serif";
      context.textAlign = "center";
      context.textBaseline = "middle";
      for (let i = 0; i < shown; i++) {
        const z = code(i);
        context.fillStyle = W.TAB10[imageLabels[i]];
        context.beginPath();
        context.arc(map.toX(z[0]), map.toY(z[1]), 8, 0, 2 * Math.PI);
        context.fill();
        context.fillStyle = "#ffffff";
        context.fillText(String(imageLabels[i]), map.toX(z[0]), map.toY(z[1]) + 0.5);
      }
      const x = map.toX(state.z[0]);
      const y = map.toY(state.z[1]);
      context.strokeStyle = c.accent;
      context.lineWidth = 2.5;
      context.beginPath();
      context.arc(x, y, 10, 0, 2 * Math.PI);
      context.moveTo(x - 15, y);
      context.lineTo(x + 15, y);
      context.moveTo(x, y - 15);
      context.lineTo(x, y + 15);
      context.stroke();
      context.lineWidth = 1;
    }

    function drawThumbs() {
      thumbs.forEach(function ([b, c], i) {
        W.drawDigit(c.context, images, 0, 0, 28, i * 784);
        b.setAttribute("aria-pressed", String(state.source === i));
      });
    }

    function drawAll() {
      const c = W.colors();
      const context = all.context;
      context.fillStyle = c.background;
      context.fillRect(0, 0, LABELS * ROW, ROW);
      for (let y = 0; y < LABELS; y++) {
        W.drawDigit(context, decode(state.z, y), y * ROW + 2, 2, ROW - 4);
      }
      context.strokeStyle = c.accent;
      context.lineWidth = 2;
      context.strokeRect(state.label * ROW + 1, 1, ROW - 2, ROW - 2);
      context.lineWidth = 1;
      all.element.setAttribute(
        "aria-label",
        "Decoder means at the same z under the labels 0 to 9; label " +
          state.label + " is framed"
      );
    }

    function describe() {
      const z = state.z;
      const from = state.source === null
        ? "chosen in the plane"
        : "the code of held-out digit " + state.source + " (a " + imageLabels[state.source] + ")";
      return (
        "y = " + state.label + "; z = (" + W.format(z[0]) + ", " + W.format(z[1]) +
        "), " + from + "; prior density p(z) = " + W.priorDensity(z).toFixed(3) + "."
      );
    }

    function update() {
      pixels = decode(state.z, state.label);
      W.drawDigit(digitCanvas.context, pixels, 0, 0, DIGIT);
      drawPlane();
      drawAll();
      drawThumbs();
      labelButtons.forEach(function (b, y) {
        b.setAttribute("aria-checked", String(y === state.label));
        b.tabIndex = y === state.label ? 0 : -1;
      });
      const text = describe();
      readout.textContent = text;
      digitCanvas.element.setAttribute("aria-label", "Decoder mean at " + text);
    }

    function chooseLabel(y) {
      state.label = y;
      update();
    }
    function useCode(i) {
      state.z = code(i);
      state.source = i;
      update();
    }
    function moveTo(z) {
      state.z = z;
      state.source = null;
      update();
    }

    W.control(planeCanvas.element, map, () => state.z, moveTo);
    W.onThemeChange(update);
    update();

    return {
      decode: (z, label) => Array.from(decode(z, label)),
      pixels: () => Array.from(pixels),
      getZ: () => state.z.slice(),
      setZ: moveTo,
      setLabel: chooseLabel,
      useCode: useCode,
      extent: extent,
    };
  };
  if (window.VaebookWidgets) window.VaebookWidgets.start();
})();
