// ffnn-edu live figure: the page half of ffnn_edu.show.live.LiveFigure.
// mount(root) wires one <figure class="live-figure">: reads the settings, data and weights
// Python wrote into it, trains with trainer.js as the learner plays, and redraws.
import { Trainer, formatG } from "./trainer.js";

const CLASS = ["#0072B2", "#E69F00"];
const SYMBOL = { eta: "η", lam: "λ", mu: "μ" };

function codeFor(code, values) {
  const args = [...code.before];
  for (const [name, template] of code.params) {
    if (name === "eta" || values[name] > 0 || code.always.includes(name))
      args.push(template.replace("{}", formatG(values[name])));
  }
  args.push(...code.after);
  const head = code.head, lines = [code.import];
  let line = head;
  args.forEach((arg, i) => {
    const piece = arg + (i < args.length - 1 ? ", " : ")");
    if (line.length + piece.trimEnd().length > code.width) {
      lines.push(line.trimEnd());
      line = " ".repeat(head.length);
    }
    line += piece;
  });
  lines.push(line, ...code.tail);
  return lines.join("\n");
}

export function mount(root) {
  const spec = JSON.parse(root.querySelector("script.live-data").textContent);
  if (typeof spec.orders === "string") {   // numpy's minibatch orders, little-endian uint16
    const bytes = Uint8Array.from(atob(spec.orders), (c) => c.charCodeAt(0));
    spec.orders = new Uint16Array(bytes.buffer);
  }
  const [regions, curves] = root.querySelectorAll("canvas");
  const play = root.querySelector("[data-action=play]");
  const reset = root.querySelector("[data-action=reset]");
  const counter = root.querySelector(".live-epoch output");
  const numbers = root.querySelector(".live-numbers");
  const status = root.querySelector(".live-status");
  const code = root.querySelector(".live-code code");
  const inputs = [...root.querySelectorAll("input[type=range]")];
  const data = { X: spec.data.X, T: spec.data.T.map((t) => [t]), Xval: spec.data.Xval,
    Tval: spec.data.Tval.map((t) => [t]) };
  const [x0, x1, y0, y1] = spec.extent;
  const R = spec.resolution;
  const grid = new Float64Array(R * R * 2), prob = new Float64Array(R * R);
  for (let i = 0; i < R; i++) for (let j = 0; j < R; j++) {
    grid[2 * (i * R + j)] = x0 + ((x1 - x0) * j) / (R - 1);
    grid[2 * (i * R + j) + 1] = y1 - ((y1 - y0) * i) / (R - 1);
  }
  const image = new ImageData(R, R), small = document.createElement("canvas");
  small.width = small.height = R;
  let trainer = null, playing = false, frame = 0;

  // each slider's values, by position (log scales, from LiveFigure.positions)
  const values = () => ({ ...spec.values, ...Object.fromEntries(inputs.map((el) =>
    [el.dataset.name, spec.sliders[el.dataset.name][Number(el.value)]])) });

  function settings(v) {
    const s = { ...spec.settings, eta: v.eta, mu: v.mu, lam: v.lam };
    s.penalty = s.lam > 0 ? spec.penalty : null;   // NetworkClassifier: no Regularizer at 0
    return s;
  }

  // minibatches in numpy's order (as train draws them); full batches in data order
  const order = (e, n = data.X.length) => spec.orders?.subarray(e * n, (e + 1) * n) ?? null;

  function start() {
    const v = values();
    for (const el of inputs) {
      const text = formatG(v[el.dataset.name]);
      el.parentElement.querySelector("output").textContent = text;
      el.setAttribute("aria-valuetext", `${SYMBOL[el.dataset.name]} = ${text}`);
    }
    code.textContent = codeFor(spec.code, v);
    trainer = new Trainer(settings(v), spec.initial, data);
    status.textContent = "";
    draw();
  }

  function sizeCanvas(canvas) {
    const ratio = window.devicePixelRatio || 1, w = canvas.clientWidth || 300;
    const h = Math.round(w * Number(canvas.dataset.aspect));
    const W = Math.round(w * ratio);
    if (canvas.width !== W) {
      canvas.width = W;
      canvas.height = Math.round(h * ratio);
    }
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    return [ctx, w, h];
  }

  function drawRegions() {
    const [ctx, w, h] = sizeCanvas(regions);
    trainer.predict(grid, prob);
    for (let k = 0; k < R * R; k++) {
      const c = spec.bands[Math.min(Math.floor(prob[k] * 10), 9)];   // contourf's 10 bands
      image.data.set([c[0], c[1], c[2], 255], 4 * k);
    }
    small.getContext("2d").putImageData(image, 0, 0);
    ctx.drawImage(small, 0, 0, w, h);
    const px = (x) => ((x - x0) / (x1 - x0)) * w, py = (y) => ((y1 - y) / (y1 - y0)) * h;
    // the 0.5 contour, by marching squares on the grid
    ctx.strokeStyle = "#000";
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    const cw = w / (R - 1), ch = h / (R - 1);
    for (let i = 0; i < R - 1; i++) for (let j = 0; j < R - 1; j++) {
      const k0 = i * R + j, c = [prob[k0], prob[k0 + 1], prob[k0 + R + 1], prob[k0 + R]];
      const corners = [[j, i], [j + 1, i], [j + 1, i + 1], [j, i + 1]], cut = [];
      for (let e = 0; e < 4; e++) {
        const a = c[e] - 0.5, b = c[(e + 1) % 4] - 0.5;
        if ((a < 0) !== (b < 0)) {
          const f = a / (a - b), p = corners[e], q = corners[(e + 1) % 4];
          cut.push([(p[0] + (q[0] - p[0]) * f) * cw, (p[1] + (q[1] - p[1]) * f) * ch]);
        }
      }
      for (let k = 0; k + 1 < cut.length; k += 2) {
        ctx.moveTo(...cut[k]);
        ctx.lineTo(...cut[k + 1]);
      }
    }
    ctx.stroke();
    // training points filled (circles: class 0, squares: class 1), test points hollow
    const points = (X, T, r) => X.forEach(([x, y], i) => {
      const k = T[i][0] >= 0.5 ? 1 : 0, filled = r > 3;
      ctx.beginPath();
      if (k === 0) ctx.arc(px(x), py(y), r, 0, 2 * Math.PI);
      else ctx.rect(px(x) - 0.9 * r, py(y) - 0.9 * r, 1.8 * r, 1.8 * r);
      Object.assign(ctx, { fillStyle: CLASS[k], strokeStyle: filled ? "#fff" : CLASS[k],
        lineWidth: filled ? 0.8 : 1 });
      if (filled) ctx.fill();
      ctx.stroke();
    });
    points(data.Xval, data.Tval, 2.6);
    points(data.X, data.T, 4.2);
  }

  function drawCurves() {
    const [ctx, w, h] = sizeCanvas(curves), E = spec.settings.epochs, H = trainer.history;
    // the axis grows with the run's losses: no clip
    const Y = Math.max(spec.lossLimit, ...[...H.trainLoss, ...H.valLoss].filter(isFinite));
    const left = 52, top = 10, pw = w - left - 20, ph = h - top - 30;
    const text = (words, x, y, align, base) =>
      Object.assign(ctx, { textAlign: align, textBaseline: base }).fillText(words, x, y);
    Object.assign(ctx, { fillStyle: "#fff", strokeStyle: "#999", lineWidth: 1 });
    ctx.fillRect(0, 0, w, h);
    ctx.setLineDash([]);
    ctx.strokeRect(left, top, pw, ph);
    Object.assign(ctx, { fillStyle: "#222", font: "12px system-ui, sans-serif" });
    for (const f of [0, 0.5, 1]) {
      text(formatG(+(Y * f).toPrecision(2)), left - 4, top + ph * (1 - f), "right", "middle");
      text(String(Math.round(E * f)), left + pw * f, top + ph + 4, "center", "top");
    }
    text("epoch", left + pw / 2, top + ph + 16, "center", "top");
    ctx.save();
    ctx.translate(12, top + ph / 2);
    ctx.rotate(-Math.PI / 2);
    text(spec.lossWords, 0, 0, "center", "middle");
    ctx.restore();
    [[H.trainLoss, []], [H.valLoss, [6, 4]]].forEach(([L, dash], k) => {
      ctx.beginPath();
      ctx.setLineDash(dash);
      Object.assign(ctx, { strokeStyle: CLASS[k], lineWidth: 1.6 });
      L.forEach((v, e) => ctx.lineTo(left + (pw * e) / E, top + ph * (1 - v / Y)));
      ctx.stroke();
    });
    ["— training loss", "- - test loss"].forEach((words, k) => {
      ctx.fillStyle = CLASS[k];
      text(words, left + 6, top + 4 + 15 * k, "left", "top");
    });
  }

  function draw() {
    drawRegions();
    drawCurves();
    // the weights drawn: after a divergence, those train keeps
    const hist = trainer.history, d = trainer.diverged;
    const k = d ? trainer.goodEpoch : hist.trainLoss.length - 1;
    counter.textContent = String(trainer.epochDone);
    numbers.textContent = `${d ? `weights of epoch ${k}: ` : ""}training loss ` +
      `${formatG(hist.trainLoss[k], 4)}, test loss ${formatG(hist.valLoss[k], 4)}, ` +
      `test accuracy ${formatG(hist.valAccuracy[k], 3)}`;
    if (trainer.done) {
      status.textContent = trainer.message;
      status.classList.toggle("live-diverged", trainer.diverged);
      setPlaying(false);
    }
  }

  function tick() {
    if (!playing) return;
    for (let k = 0; k < spec.epochsPerFrame && !trainer.done; k++)
      trainer.epoch(order(trainer.epochDone));
    draw();
    if (playing) frame = requestAnimationFrame(tick);
  }

  function setPlaying(on) {
    playing = on && !trainer.done;
    play.textContent = playing ? "Pause" : "Play";
    play.setAttribute("aria-pressed", String(playing));
    cancelAnimationFrame(frame);
    if (playing) frame = requestAnimationFrame(tick);
  }

  play.addEventListener("click", () => {
    if (!playing && trainer.done) start();
    setPlaying(!playing);
  });
  reset.addEventListener("click", () => { start(); setPlaying(false); });   // as Playground
  for (const el of inputs) el.addEventListener("input", () => { start(); setPlaying(true); });
  window.addEventListener("resize", draw);
  root.hidden = false;
  start();
  root.liveFigure = { get trainer() { return trainer; }, start, setPlaying, values };
}
