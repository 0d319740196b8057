/* Chapter 12's beta sweep, precomputed by the chapter (no model in the
 * page): a slider over beta shows the point on the rate-distortion curve,
 * the rate of every latent dimension, and the decoder means of a few
 * held-out digits at their codes, for the model trained with that beta. */
(function () {
  "use strict";
  const CURVE = [300, 220];
  const BARS = [300, 220];
  const CELL = 44;
  const FLOOR = 0.1; // the chapter's line: a dimension below it is collapsed

  const kinds = (window.VAEBOOK_WIDGET_KINDS = window.VAEBOOK_WIDGET_KINDS || {});
  kinds["beta-sweep"] = function (W, host, data) {
    const arrays = W.decodeAll(data);
    const betas = data.values.betas;
    const rate = data.values.R;
    const distortion = data.values.D;
    const images = arrays.images;
    const means = arrays.means;
    const rateJ = arrays.rate_j;
    const shown = arrays.images.shape[0];
    const dims = arrays.rate_j.shape[1];
    const state = { index: Math.max(0, betas.indexOf(1)) };

    const root = W.element("div", "vw vw-beta");
    const sliderRow = W.element("div", "vw-slider");
    const sliderId = host.dataset.widget + "-beta";
    const label = W.element("label", "", "\u03b2 = ");
    label.htmlFor = sliderId;
    const value = W.element("output", "vw-value");
    label.append(value);
    const slider = document.createElement("input");
    slider.type = "range";
    slider.id = sliderId;
    slider.min = "0";
    slider.max = String(betas.length - 1);
    slider.step = "1";
    slider.value = String(state.index);
    const ticks = W.element("div", "vw-ticks");
    ticks.setAttribute("aria-hidden", "true");
    betas.forEach((b) => ticks.append(W.element("span", "", String(b))));
    const sliderBox = W.element("div", "vw-slider-box");
    sliderBox.append(slider, ticks);
    sliderRow.append(label, sliderBox);

    const row = W.element("div", "vw-row");
    const curve = W.canvas(CURVE[0], CURVE[1], "");
    curve.element.className = "vw-chart";
    const bars = W.canvas(BARS[0], BARS[1], "");
    bars.element.className = "vw-chart";
    row.append(curve.element, bars.element);
    const reconLabel = W.element(
      "p", "vw-small",
      "Top: six held-out digits; below: decoder means at their codes z_mean"
    );
    const recon = W.canvas(shown * CELL, 2 * CELL, "");
    recon.element.className = "vw-recon";
    const readout = W.element("p", "vw-readout");
    readout.setAttribute("aria-live", "polite");
    root.append(sliderRow, row, reconLabel, recon.element, readout);
    host.append(root);

    function axes(context, width, height, box, xLabel, yLabel) {
      const c = W.colors();
      context.fillStyle = c.background;
      context.fillRect(0, 0, width, height);
      context.strokeStyle = c.muted;
      context.beginPath();
      context.moveTo(box.left, box.top);
      context.lineTo(box.left, box.bottom);
      context.lineTo(box.right, box.bottom);
      context.stroke();
      context.fillStyle = c.text;
      context.font = "12px system-ui, sans-serif";
      context.textAlign = "center";
      context.textBaseline = "alphabetic";
      context.fillText(xLabel, (box.left + box.right) / 2, height - 4);
      context.save();
      context.translate(12, (box.top + box.bottom) / 2);
      context.rotate(-Math.PI / 2);
      context.fillText(yLabel, 0, 0);
      context.restore();
    }

    function ticksOn(context, values, toPosition, vertical, box) {
      const c = W.colors();
      context.fillStyle = c.muted;
      context.font = "11px system-ui, sans-serif";
      context.textAlign = vertical ? "right" : "center";
      context.textBaseline = vertical ? "middle" : "top";
      for (const v of values) {
        const p = toPosition(v);
        if (vertical) context.fillText(String(v), box.left - 4, p);
        else context.fillText(String(v), p, box.bottom + 3);
      }
    }

    function niceTicks(low, high, count) {
      const raw = (high - low) / count;
      const power = Math.pow(10, Math.floor(Math.log10(raw)));
      const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
      const out = [];
      for (let t = Math.ceil(low / step) * step; t <= high + 1e-9; t += step) {
        out.push(Math.round(t * 1e6) / 1e6);
      }
      return out;
    }

    function drawCurve() {
      const c = W.colors();
      const [width, height] = CURVE;
      const context = curve.context;
      const box = { left: 46, right: width - 10, top: 10, bottom: height - 34 };
      axes(context, width, height, box, "rate (nats)", "distortion (nats)");
      const rMax = Math.max(...rate) * 1.15;
      const dLow = Math.min(...distortion) - 12;
      const dHigh = Math.max(...distortion) + 12;
      const toX = (r) => box.left + (r / rMax) * (box.right - box.left);
      const toY = (d) => box.bottom - ((d - dLow) / (dHigh - dLow)) * (box.bottom - box.top);
      ticksOn(context, niceTicks(0, rMax, 4), toX, false, box);
      ticksOn(context, niceTicks(dLow, dHigh, 4), toY, true, box);
      // distortion + rate = the -ELBO at beta = 1, as in the chapter's figure
      const one = betas.indexOf(1);
      if (one >= 0) {
        const total = rate[one] + distortion[one];
        context.strokeStyle = c.muted;
        context.setLineDash([4, 3]);
        context.beginPath();
        const r0 = Math.max(0, total - dHigh);
        const r1 = Math.min(rMax, total - dLow);
        context.moveTo(toX(r0), toY(total - r0));
        context.lineTo(toX(r1), toY(total - r1));
        context.stroke();
        context.setLineDash([]);
      }
      context.strokeStyle = W.TAB10[0];
      context.fillStyle = W.TAB10[0];
      context.lineWidth = 1.5;
      context.beginPath();
      rate.forEach((r, i) => (i ? context.lineTo : context.moveTo).call(context, toX(r), toY(distortion[i])));
      context.stroke();
      context.font = "11px system-ui, sans-serif";
      context.textAlign = "left";
      context.textBaseline = "bottom";
      rate.forEach(function (r, i) {
        context.beginPath();
        context.arc(toX(r), toY(distortion[i]), 3.5, 0, 2 * Math.PI);
        context.fill();
        context.fillText("\u03b2 = " + betas[i], toX(r) + 5, toY(distortion[i]) - 3);
      });
      const x = toX(rate[state.index]);
      const y = toY(distortion[state.index]);
      context.strokeStyle = c.accent;
      context.lineWidth = 3;
      context.beginPath();
      context.arc(x, y, 9, 0, 2 * Math.PI);
      context.stroke();
      context.lineWidth = 1;
      curve.element.setAttribute(
        "aria-label",
        "Rate-distortion curve of the five models; the point of beta = " +
          betas[state.index] + " is circled: rate " + rate[state.index].toFixed(1) +
          " nats, distortion " + distortion[state.index].toFixed(1) + " nats"
      );
    }

    function sortedRates(index) {
      return Array.from(rateJ.slice(index * dims, (index + 1) * dims)).sort((a, b) => b - a);
    }

    function drawBars() {
      const c = W.colors();
      const [width, height] = BARS;
      const context = bars.context;
      const box = { left: 40, right: width - 8, top: 10, bottom: height - 34 };
      axes(context, width, height, box, "dimension, sorted by rate", "rate (nats)");
      let top = 0;
      for (let i = 0; i < betas.length; i++) top = Math.max(top, ...sortedRates(i));
      top *= 1.05;
      const toY = (r) => box.bottom - (r / top) * (box.bottom - box.top);
      ticksOn(context, niceTicks(0, top, 4), toY, true, box);
      const values = sortedRates(state.index);
      const slot = (box.right - box.left) / dims;
      values.forEach(function (r, j) {
        context.fillStyle = r < FLOOR ? c.muted : W.TAB10[0];
        const y = toY(r);
        context.fillRect(box.left + j * slot + 1, y, slot - 2, box.bottom - y);
      });
      context.strokeStyle = c.accent;
      context.setLineDash([4, 3]);
      context.beginPath();
      context.moveTo(box.left, toY(FLOOR));
      context.lineTo(box.right, toY(FLOOR));
      context.stroke();
      context.setLineDash([]);
      context.fillStyle = c.accent;
      context.textAlign = "right";
      context.textBaseline = "bottom";
      context.fillText(FLOOR + " nat", box.right, toY(FLOOR) - 2);
      const low = values.filter((r) => r < FLOOR).length;
      bars.element.setAttribute(
        "aria-label",
        "Average rate of each of the " + dims + " latent dimensions at beta = " +
          betas[state.index] + ", largest first: " + values.map((r) => r.toFixed(2)).join(", ") +
          " nats; " + low + " below " + FLOOR + " nat"
      );
      return low;
    }

    function drawRecon() {
      const c = W.colors();
      const context = recon.context;
      context.fillStyle = c.background;
      context.fillRect(0, 0, shown * CELL, 2 * CELL);
      for (let i = 0; i < shown; i++) {
        W.drawDigit(context, images, i * CELL + 2, 2, CELL - 4, i * 784);
        W.drawDigit(context, means, i * CELL + 2, CELL + 2, CELL - 4, (state.index * shown + i) * 784);
      }
      recon.element.setAttribute(
        "aria-label",
        "Six held-out digits and, below them, the decoder means at their codes " +
          "for beta = " + betas[state.index]
      );
    }

    function update() {
      const i = state.index;
      value.textContent = String(betas[i]);
      slider.setAttribute("aria-valuetext", "beta = " + betas[i]);
      drawCurve();
      const low = drawBars();
      drawRecon();
      readout.textContent =
        "\u03b2 = " + betas[i] + ": rate " + rate[i].toFixed(1) + " nats, distortion " +
        distortion[i].toFixed(1) + " nats, negative ELBO " + (rate[i] + distortion[i]).toFixed(1) +
        " nats per held-out image; " + low + " of " + dims + " dimensions carry less than " +
        FLOOR + " nat.";
    }

    function setIndex(i) {
      state.index = Math.max(0, Math.min(betas.length - 1, i));
      slider.value = String(state.index);
      update();
    }
    slider.addEventListener("input", () => setIndex(Number(slider.value)));
    W.onThemeChange(update);
    update();

    return {
      setIndex: setIndex,
      index: () => state.index,
      betas: betas,
    };
  };
  if (window.VaebookWidgets) window.VaebookWidgets.start();
})();
