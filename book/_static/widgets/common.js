/* Live figures of "Variational Autoencoders — Logic and Practice": the code
 * the three widgets share. Plain JavaScript, no framework, nothing fetched:
 * the data come in a script that book/_ext/widgets.py writes next to this
 * one (window.VAEBOOK_WIDGET_DATA), so the pages work offline and from
 * file://. Each widget's script puts an init function for its kind into
 * window.VAEBOOK_WIDGET_KINDS; every <div class="vaebook-widget"
 * data-widget="chNN-kind"> on the page is built by it as soon as the page
 * element, the kind's script and the data are all loaded (the scripts load
 * async, in any order). window.VaebookWidgets.instances[name] is each
 * widget's handle (tests/site/test_widgets.py drives it). */
(function () {
  "use strict";

  const instances = {};
  // matplotlib's tab10, the colours of the book's latent scatter plots
  const TAB10 = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
  ];
  const SIDE = 28;
  const MINUS = "\u2212";

  function bytes(b64) {
    const text = atob(b64);
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }

  function halfToFloat(h) {
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) return sign * fraction * Math.pow(2, -24);
    if (exponent === 31) return fraction ? NaN : sign * Infinity;
    return sign * (1 + fraction / 1024) * Math.pow(2, exponent - 15);
  }

  /* One stored array (see book/_ext/widgets.py) as a Float32Array. */
  function decodeArray(spec) {
    const raw = bytes(spec.data);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(size);
    if (spec.encoding === "int8-columns") {
      const q = new Int8Array(raw.buffer);
      const scale = new Float32Array(bytes(spec.scale).buffer);
      const columns = spec.shape[1];
      for (let i = 0; i < size; i++) out[i] = q[i] * scale[i % columns];
    } else if (spec.encoding === "bits") {
      for (let i = 0; i < size; i++) {
        out[i] = (raw[i >> 3] >> (7 - (i & 7))) & 1;
      }
    } else if (spec.encoding === "uint8") {
      for (let i = 0; i < size; i++) out[i] = raw[i];
    } else if (spec.encoding === "unorm8") {
      for (let i = 0; i < size; i++) out[i] = raw[i] / 255;
    } else if (spec.encoding === "float16") {
      const half = new Uint16Array(raw.buffer);
      for (let i = 0; i < size; i++) out[i] = halfToFloat(half[i]);
    } else {
      throw new Error("unknown encoding " + spec.encoding);
    }
    out.shape = spec.shape;
    return out;
  }

  function decodeAll(data) {
    const arrays = {};
    for (const key of Object.keys(data.arrays)) {
      arrays[key] = decodeArray(data.arrays[key]);
    }
    return arrays;
  }

  /* A dense network: ReLU between the layers, sigmoid at the end (the
   * decoder mean of Bernoulli pixels). layers: [[w, b], ...], w of shape
   * (inputs, outputs), row-major. Returns input (Float32Array) -> means. */
  function network(layers) {
    return function (input) {
      let x = input;
      layers.forEach(function ([w, b], index) {
        const n = w.shape[0];
        const m = w.shape[1];
        const y = new Float64Array(m);
        for (let j = 0; j < m; j++) y[j] = b[j];
        for (let i = 0; i < n; i++) {
          const xi = x[i];
          if (xi === 0) continue;
          const row = i * m;
          for (let j = 0; j < m; j++) y[j] += xi * w[row + j];
        }
        const last = index === layers.length - 1;
        for (let j = 0; j < m; j++) {
          y[j] = last ? 1 / (1 + Math.exp(-y[j])) : Math.max(0, y[j]);
        }
        x = y;
      });
      return x;
    };
  }

  function decoderLayers(arrays) {
    const layers = [];
    for (let k = 1; arrays["w" + k]; k++) {
      layers.push([arrays["w" + k], arrays["b" + k]]);
    }
    return layers;
  }

  function dark() {
    return document.documentElement.dataset.theme === "dark";
  }

  function colors() {
    const isDark = dark();
    return {
      dark: isDark,
      background: isDark ? "#121212" : "#ffffff",
      panel: isDark ? "#1e1e1e" : "#f7f7f7",
      text: isDark ? "#e6e6e6" : "#222222",
      muted: isDark ? "#9a9a9a" : "#6b6b6b",
      grid: isDark ? "#3a3a3a" : "#dddddd",
      accent: isDark ? "#ff6b6b" : "#c0392b",
      ink: isDark ? [235, 235, 235] : [0, 0, 0],
      paper: isDark ? [18, 18, 18] : [255, 255, 255],
    };
  }

  /* A canvas that draws sharply at the device's pixel ratio; `width` and
   * `height` in CSS pixels (its CSS may shrink it; see widgets.css). */
  function canvas(width, height, label) {
    const element = document.createElement("canvas");
    const ratio = Math.min(window.devicePixelRatio || 1, 3);
    element.width = Math.round(width * ratio);
    element.height = Math.round(height * ratio);
    element.style.aspectRatio = width + " / " + height;
    element.dataset.width = width;
    element.dataset.height = height;
    const context = element.getContext("2d");
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    if (label !== undefined) {
      element.setAttribute("role", "img");
      element.setAttribute("aria-label", label);
    }
    return { element: element, context: context };
  }

  /* A 28 x 28 image of pixel values in [0, 1] (1 = ink) into a square of
   * the canvas, each pixel a block (no smoothing), ink on paper. */
  function drawDigit(context, pixels, x, y, size, offset) {
    const c = colors();
    const image = new ImageData(SIDE, SIDE);
    const start = offset || 0;
    for (let i = 0; i < SIDE * SIDE; i++) {
      const v = Math.min(1, Math.max(0, pixels[start + i]));
      for (let k = 0; k < 3; k++) {
        image.data[4 * i + k] = Math.round(c.paper[k] + (c.ink[k] - c.paper[k]) * v);
      }
      image.data[4 * i + 3] = 255;
    }
    const tile = document.createElement("canvas");
    tile.width = SIDE;
    tile.height = SIDE;
    tile.getContext("2d").putImageData(image, 0, 0);
    context.imageSmoothingEnabled = false;
    context.drawImage(tile, x, y, size, size);
  }

  /* Map between a square latent plane [-extent, extent]^2 and a canvas
   * of `size` CSS pixels with a margin for the axis labels. */
  function plane(size, extent, margin) {
    const inner = size - 2 * margin;
    return {
      size: size,
      margin: margin,
      extent: extent,
      toX: (z1) => margin + ((z1 + extent) / (2 * extent)) * inner,
      toY: (z2) => margin + ((extent - z2) / (2 * extent)) * inner,
      fromXY: function (x, y) {
        const z1 = ((x - margin) / inner) * 2 * extent - extent;
        const z2 = extent - ((y - margin) / inner) * 2 * extent;
        return [clamp(z1, extent), clamp(z2, extent)];
      },
    };
  }

  function clamp(value, extent) {
    return Math.max(-extent, Math.min(extent, value));
  }

  function drawAxes(context, map) {
    const c = colors();
    const { size, margin, extent } = map;
    context.fillStyle = c.background;
    context.fillRect(0, 0, size, size);
    context.strokeStyle = c.grid;
    context.lineWidth = 1;
    context.fillStyle = c.muted;
    context.font = "11px system-ui, sans-serif";
    context.textAlign = "center";
    context.textBaseline = "middle";
    const step = extent > 4 ? 2 : 1;
    for (let t = -Math.floor(extent / step) * step; t <= extent; t += step) {
      const x = map.toX(t);
      const y = map.toY(t);
      context.beginPath();
      context.moveTo(x, margin);
      context.lineTo(x, size - margin);
      context.moveTo(margin, y);
      context.lineTo(size - margin, y);
      context.stroke();
      const label = (t < 0 ? MINUS : "") + Math.abs(t);
      context.fillText(label, x, size - margin / 2);
      context.fillText(label, margin / 2, y);
    }
    // the prior N(0, I): circles that hold 39 %, 86 % and 99 % of its mass
    context.strokeStyle = c.muted;
    context.setLineDash([3, 3]);
    for (const radius of [1, 2, 3]) {
      if (radius > extent) continue;
      context.beginPath();
      context.arc(map.toX(0), map.toY(0), map.toX(radius) - map.toX(0), 0, 2 * Math.PI);
      context.stroke();
    }
    context.setLineDash([]);
  }

  /* Pointer (mouse, pen, touch) and keyboard control of a point z in a
   * plane canvas: onMove(z) after every change. */
  function control(element, map, getZ, onMove) {
    element.tabIndex = 0;
    element.style.touchAction = "none";
    let dragging = false;
    function fromEvent(event) {
      const box = element.getBoundingClientRect();
      const scale = map.size / box.width;
      return map.fromXY(
        (event.clientX - box.left) * scale,
        (event.clientY - box.top) * scale
      );
    }
    element.addEventListener("pointerdown", function (event) {
      dragging = true;
      element.setPointerCapture(event.pointerId);
      element.focus({ preventScroll: true });
      onMove(fromEvent(event));
      event.preventDefault();
    });
    element.addEventListener("pointermove", function (event) {
      if (dragging) onMove(fromEvent(event));
    });
    const stop = function () {
      dragging = false;
    };
    element.addEventListener("pointerup", stop);
    element.addEventListener("pointercancel", stop);
    element.addEventListener("keydown", function (event) {
      const step = event.shiftKey ? 0.5 : 0.1;
      const moves = {
        ArrowLeft: [-step, 0],
        ArrowRight: [step, 0],
        ArrowUp: [0, step],
        ArrowDown: [0, -step],
      };
      const move = moves[event.key];
      if (!move) return;
      const z = getZ();
      onMove([clamp(z[0] + move[0], map.extent), clamp(z[1] + move[1], map.extent)]);
      event.preventDefault();
    });
  }

  function format(value, digits) {
    const text = Math.abs(value).toFixed(digits === undefined ? 2 : digits);
    return (value < 0 && Number(text) !== 0 ? MINUS : "") + text;
  }

  function priorDensity(z) {
    let squared = 0;
    for (const v of z) squared += v * v;
    return Math.exp(-squared / 2) / Math.pow(2 * Math.PI, z.length / 2);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(text, onClick, label) {
    const node = element("button", "vw-button", text);
    node.type = "button";
    if (label) node.setAttribute("aria-label", label);
    node.addEventListener("click", onClick);
    return node;
  }

  /* The layout the two decoder widgets share: a row of the plane (a canvas
   * a reader drags on, described by `planeLabel`) and a side column of the
   * decoded digit, its caption and a live text readout of z. */
  function planeAndDigit(host, planeSize, digitSize, planeLabel, caption) {
    const row = element("div", "vw-row");
    const planeCanvas = canvas(planeSize, planeSize);
    planeCanvas.element.className = "vw-plane";
    planeCanvas.element.setAttribute("role", "application");
    planeCanvas.element.setAttribute("aria-label", planeLabel);
    const side = element("div", "vw-side");
    const digitCanvas = canvas(digitSize, digitSize, "decoder mean");
    digitCanvas.element.className = "vw-digit";
    const readout = element("p", "vw-readout");
    readout.setAttribute("aria-live", "polite");
    readout.id = host.dataset.widget + "-readout";
    planeCanvas.element.setAttribute("aria-describedby", readout.id);
    side.append(digitCanvas.element, element("p", "vw-small", caption));
    side.append(readout);
    row.append(planeCanvas.element, side);
    return { row, planeCanvas, side, digitCanvas, readout };
  }

  /* Call redraw() again whenever the reader switches light or dark mode. */
  function onThemeChange(redraw) {
    new MutationObserver(redraw).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme"],
    });
  }

  /* Build every widget whose page element, script and data are all here.
   * The scripts load async, in any order, each calling start() when it
   * arrives, and the page calls it once parsed: a widget is ready as soon
   * as its three parts are, without waiting for the page's other scripts
   * (MathJax typesets the page after DOMContentLoaded). */
  function start(last) {
    const kinds = window.VAEBOOK_WIDGET_KINDS || {};
    const all = window.VAEBOOK_WIDGET_DATA || {};
    document.querySelectorAll(".vaebook-widget[data-widget]").forEach(function (host) {
      const name = host.dataset.widget;
      if (instances[name]) return;
      const kind = name.replace(/^ch\d+-/, "");
      const data = all[name];
      if (!kinds[kind] || !data) {
        if (last === true) host.textContent = "The live figure could not be loaded.";
        return;
      }
      host.textContent = "";
      const started = performance.now();
      const instance = kinds[kind](window.VaebookWidgets, host, data);
      instance.readyMs = performance.now();
      instance.initMs = instance.readyMs - started;
      instances[name] = instance;
      host.dataset.ready = "true";
    });
  }

  window.VaebookWidgets = {
    TAB10: TAB10,
    SIDE: SIDE,
    instances: instances,
    decodeAll: decodeAll,
    network: network,
    decoderLayers: decoderLayers,
    colors: colors,
    canvas: canvas,
    planeAndDigit: planeAndDigit,
    drawDigit: drawDigit,
    plane: plane,
    drawAxes: drawAxes,
    control: control,
    format: format,
    priorDensity: priorDensity,
    element: element,
    button: button,
    onThemeChange: onThemeChange,
    start: start,
  };

  start();
  document.addEventListener("readystatechange", start);
  window.addEventListener("load", () => start(true));
})();
