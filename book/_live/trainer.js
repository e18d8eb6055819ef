// ffnn-edu live trainer: ffnn_edu.train in the page, in float64, with its formulas, order
// and verdicts (ffnn_edu/show/live.py; equal to 1e-12: tests/browser/test_live_trainer.py).
// Minibatch orders and dropout masks are inputs. weights[l][j][k]: j of layer l to k of l+1.

const SLOPES = {
  sigmoid: (y) => y * (1.0 - y),
  tanh: (y) => 1.0 - y * y,
  relu: (y) => (y > 0 ? 1.0 : 0.0),
  linear: () => 1.0,
};
const WEIGHT_GROWTH = 1e5;
const STUCK_GROWTH = 1.5;
const STUCK_EPOCHS_PER_DIVERGENCE_EPOCH = 10;
const ENDED_HIGH = 1.5;
const LARGE_INPUTS = 100.0;  // train's: inputs this large are named first in a verdict
const CLIP = 1e-15;

const ACTIVATIONS = {
  sigmoid: (z) => (Math.tanh(0.5 * z) + 1.0) * 0.5,   // as the package: nothing overflows
  tanh: Math.tanh,
  relu: (z) => Math.max(z, 0.0),
};

const big = (A) => A.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** Python's format(x, f".{precision}g"), for train's sentences (e.g. 0.6931, 1e+05). */
export function formatG(x, precision = 6) {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const p = Math.max(precision, 1), [mantissa, exp] = x.toExponential(p - 1).split("e");
  const e = Number(exp);
  const strip = (s) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
  if (e < -4 || e >= p) {
    const sign = e < 0 ? "-" : "+";
    return `${strip(mantissa)}e${sign}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return strip(x.toFixed(Math.max(p - 1 - e, 0)));
}

/** validation.counted: "1 epoch", "3 epochs". */
const counted = (n, noun) => `${n} ${n === 1 ? noun : `${noun}s`}`;
// train's _order_first (cause c starts "The")
const orderFirst = (c, o) => !o ? c : "Without shuffling (shuffle=False) every " +
  "epoch ends on the same minibatches, which may pull the network their way: try " +
  `shuffle=True. Or t${c.slice(1)}`;

function rows(data, name, width) {
  need(Array.isArray(data) && data.length > 0, `${name} must be a non-empty array of rows`);
  const out = new Float64Array(data.length * width);
  data.forEach((row, i) => {
    const r = Array.isArray(row) ? row : [row];
    need(r.length === width && r.every(Number.isFinite), `${name}[${i}]: ${width} finite numbers`);
    out.set(r, i * width);
  });
  return out;
}

function need(ok, message) {
  if (!ok) throw new RangeError(message);
}

function checkSettings(s) {
  const sizes = s.layerSizes, loss = s.loss ?? "mse", penalty = s.penalty ?? null;
  need(Array.isArray(sizes) && sizes.length >= 2 && sizes.every((n) => Number.isInteger(n) && n > 0)
    && sizes[sizes.length - 1] === 1, "layerSizes must be like [2, 8, 1] (one output)");
  let acts = s.activation ?? "sigmoid";
  if (typeof acts === "string") acts = Array(sizes.length - 1).fill(acts);
  const out = acts[acts.length - 1];
  need(acts.length === sizes.length - 1 && acts.every((a) => a in SLOPES),
    `activation must name one of ${Object.keys(SLOPES)} per layer`);
  need(["binary_cross_entropy", "mse", "half_sse"].includes(loss), `unknown loss ${loss}`);
  need(out === "sigmoid" || (out === "linear" && loss !== "binary_cross_entropy"),
    "the output layer must be sigmoid (or linear, with a squared error)");
  const v = { eta: s.eta ?? 0.1, mu: s.mu ?? 0, lam: s.lam ?? 0, epochs: s.epochs ?? 100 };
  need(v.eta > 0 && v.eta < Infinity, `eta must be > 0, not ${v.eta}`);
  need(v.mu >= 0 && v.mu < 1, `mu must be in [0, 1), not ${v.mu}`);
  need(v.lam >= 0 && v.lam < Infinity, `lam must be >= 0, not ${v.lam}`);
  need([null, "l1", "l2"].includes(penalty), `penalty must be "l1", "l2" or null`);
  need(Number.isInteger(v.epochs) && v.epochs >= 1, "epochs must be >= 1");
  return { ...v, sizes, acts, loss, penalty, batchSize: s.batchSize ?? null,
    factor: s.divergenceFactor ?? 10.0, divergenceEpochs: s.divergenceEpochs ?? 3 };
}

/** One run of train, epoch by epoch, on the settings, weights and data LiveFigure writes
 * (checkSettings has the names and defaults). Call epoch(order) until `done`; `history` holds
 * the losses (entry 0 before training), `diverged` and `message` how the run ended. */
export class Trainer {
  constructor(settings, initial, data) {
    const s = (this.settings = checkSettings(settings));
    const L = (this.L = s.sizes.length - 1);
    this.W = [];
    this.b = [];
    for (let l = 0; l < L; l++) {
      this.W.push(rows(initial.weights[l], `weights[${l}]`, s.sizes[l + 1]));
      need(this.W[l].length === s.sizes[l] * s.sizes[l + 1], `weights[${l}]: ${s.sizes[l]} rows`);
      this.b.push(Float64Array.from(initial.biases[l]));
    }
    this.X = rows(data.X, "X", s.sizes[0]);
    this.T = rows(data.T, "T", s.sizes[L]);
    this.n = this.X.length / s.sizes[0];
    need(this.T.length === this.n, "X and T must have as many rows");
    if (data.Xval) {
      this.Xval = rows(data.Xval, "Xval", s.sizes[0]);
      this.Tval = rows(data.Tval, "Tval", s.sizes[L]);
    }
    this.batch = s.batchSize === null ? this.n : Math.min(s.batchSize, this.n);
    this.velocity = s.mu > 0 ? this.W.flatMap((w, l) => [w, this.b[l]]).map((p) => p.map(() => 0))
      : null;
    this.buffers = new Map();
    this.labels = new Map();
    Object.assign(this, { epochDone: 0, iterations: 0, done: false, diverged: false,
      message: "", goodEpoch: 0, up: [], stuckEpochs: 0 });
    this.history = { trainLoss: [], valLoss: [], trainAccuracy: [], valAccuracy: [] };

    const start = this.evaluate(this.X, this.T);
    need(Number.isFinite(start.loss), "the untrained network's loss on X and T overflows");
    this.record(start, this.Xval ? this.evaluate(this.Xval, this.Tval) : null);
    this.start = start.loss;
    this.knowsNothing = this.knowsNothingLoss();
    this.startWeight = this.largestParameter();
    const x = (this.inputSize = big(this.X));
    this.dataScale = Math.max(1, big(this.T)) * (x > 0 ? Math.max(1, 1 / x) : 1);
    this.lowest = start.loss;
    this.largestLoss = this.boundedLoss();
    this.lastGood = this.snapshot();
  }

  // train's DivergenceLines
  get scale() { return Math.max(this.start, this.knowsNothing); }
  get limit() { return this.settings.factor * this.scale; }
  get weightLimit() {
    return WEIGHT_GROWTH * this.settings.factor * Math.max(this.startWeight, this.dataScale, 1.0);
  }
  get stuckLine() {
    const line = STUCK_GROWTH * this.scale;
    return this.limit >= this.largestLoss && this.largestLoss > line ? line : Infinity;
  }

  buffer(m) {
    let buf = this.buffers.get(m);
    if (!buf) {
      const s = this.settings.sizes;
      buf = { A: [new Float64Array(m * s[0])], D: [], O: [] };
      for (let l = 0; l < this.L; l++) {
        buf.A.push(new Float64Array(m * s[l + 1]));
        buf.D.push(new Float64Array(m * s[l + 1]));
      }
      buf.Z = new Float64Array(m * s[this.L]);
      this.buffers.set(m, buf);
    }
    return buf;
  }

  /** Forward pass on the m rows in buf.A[0], times masks[l] in hidden layer l if given;
   * buf.O: outputs before dropout, buf.Z: output logits. */
  forward(buf, m, masks = null) {
    const s = this.settings.sizes;
    for (let l = 0; l < this.L; l++) {
      const nin = s[l], nout = s[l + 1], A = buf.A[l], N = buf.A[l + 1], W = this.W[l],
        bias = this.b[l];
      for (let i = 0; i < m; i++) {
        for (let k = 0; k < nout; k++) {
          let z = 0.0;
          for (let j = 0; j < nin; j++) z += A[i * nin + j] * W[j * nout + k];
          N[i * nout + k] = z + bias[k];
        }
      }
      if (l === this.L - 1) buf.Z.set(N.subarray(0, m * nout));
      const f = ACTIVATIONS[this.settings.acts[l]];
      if (f) for (let i = 0; i < m * nout; i++) N[i] = f(N[i]);
      const mask = l < this.L - 1 && masks?.[l];
      if (mask) {
        (buf.O[l + 1] ||= new Float64Array(N.length)).set(N);
        for (let i = 0; i < m * nout; i++) N[i] *= mask[i];
      }
    }
  }

  /** Loss (and accuracy, for 0/1 targets) on X, T: train's _evaluate. */
  evaluate(X, T) {
    const s = this.settings, nin = s.sizes[0], nout = s.sizes[this.L];
    const m = X.length / nin, buf = this.buffer(m);
    buf.A[0].set(X);
    this.forward(buf, m);
    const Y = buf.A[this.L], Z = buf.Z, N = m * nout;
    let sum = 0.0;
    if (s.loss === "binary_cross_entropy") {
      for (let i = 0; i < N; i++)
        sum += (Math.max(Z[i], 0.0) - T[i] * Z[i]) + Math.log1p(Math.exp(-Math.abs(Z[i])));
      sum /= N;
    } else {
      for (let i = 0; i < N; i++) { const d = T[i] - Y[i]; sum += d * d; }
      sum = s.loss === "mse" ? sum / N : 0.5 * sum;
    }
    let labels = this.labels.get(T), right = 0;
    if (labels === undefined) {     // 0/1 targets: checked once per data set
      labels = T.every((t) => t === 0 || t === 1);
      this.labels.set(T, labels);
    }
    if (labels) for (let i = 0; i < m; i++) right += (Y[i] >= 0.5) === (T[i] >= 0.5) ? 1 : 0;
    return { loss: sum, accuracy: labels ? right / m : null };
  }

  record(...results) {   // training loss (and accuracy), then validation
    results.forEach((r, k) => {
      const h = this.history, part = k ? "val" : "train";
      if (r) h[part + "Loss"].push(r.loss);
      if (r && r.accuracy !== null) h[part + "Accuracy"].push(r.accuracy);
    });
  }

  knowsNothingLoss() {
    const s = this.settings, f0 = s.acts[this.L - 1] === "sigmoid" ? 0.5 : 0.0;
    return this.lossOfOutputs(() => f0);
  }

  boundedLoss() {
    // the largest squared error of a sigmoid output on T
    const s = this.settings;
    if (s.loss === "binary_cross_entropy" || s.acts[this.L - 1] !== "sigmoid") return Infinity;
    return this.lossOfOutputs((t) => (t >= 0.5 ? 0.0 : 1.0));  // the farther of 0 and 1
  }

  lossOfOutputs(output) {
    const s = this.settings, T = this.T, N = T.length;
    let sum = 0.0;
    if (s.loss === "binary_cross_entropy") {
      for (let i = 0; i < N; i++) {
        const y = output(T[i]);
        sum += T[i] * Math.log(Math.max(y, CLIP)) + (1 - T[i]) * Math.log(Math.max(1 - y, CLIP));
      }
      return -(sum / N);
    }
    for (let i = 0; i < N; i++) { const d = T[i] - output(T[i]); sum += d * d; }
    return s.loss === "mse" ? sum / N : 0.5 * sum;
  }

  largestParameter() {   // NaN wins, as numpy's max
    return [...this.W, ...this.b].reduce((top, p) => Math.max(top, big(p)), 0);
  }

  snapshot(into = null) {
    if (!into) return { W: this.W.map((w) => w.slice()), b: this.b.map((b) => b.slice()) };
    into.W.forEach((w, l) => w.set(this.W[l]));
    into.b.forEach((b, l) => b.set(this.b[l]));
    return into;
  }

  restore(saved) {
    saved.W.forEach((w, l) => this.W[l].set(w));
    saved.b.forEach((b, l) => this.b[l].set(b));
  }

  /** One minibatch update on rows order[start .. start + m) (train_epoch's body). */
  update(order, start, m, masks) {
    const s = this.settings, sizes = s.sizes, L = this.L, nin0 = sizes[0], nout = sizes[L];
    const buf = this.buffer(m), A0 = buf.A[0];
    for (let i = 0; i < m; i++) {
      const r = order ? order[start + i] : start + i;
      for (let j = 0; j < nin0; j++) A0[i * nin0 + j] = this.X[r * nin0 + j];
    }
    this.forward(buf, m, masks);
    // (1) the output delta
    const Y = buf.A[L], D = buf.D[L - 1], N = m * nout, outAct = s.acts[L - 1];
    for (let i = 0; i < m; i++) {
      const r = order ? order[start + i] : start + i;
      for (let k = 0; k < nout; k++) {
        const y = Y[i * nout + k], t = this.T[r * nout + k];
        const slope = outAct === "sigmoid" ? y * (1.0 - y) : 1.0;
        D[i * nout + k] = s.loss === "binary_cross_entropy" ? (y - t) / N
          : s.loss === "mse" ? ((-2.0 * (t - y)) / N) * slope : -(t - y) * slope;
      }
    }
    // (2) deltas of the hidden layers
    for (let l = L - 1; l > 0; l--) {
      const nh = sizes[l], nn = sizes[l + 1], W = this.W[l], Dn = buf.D[l], Dh = buf.D[l - 1];
      const H = masks ? buf.O[l] : buf.A[l], slope = SLOPES[s.acts[l - 1]], mask = masks?.[l - 1];
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < nh; j++) {
          let sum = 0.0;
          for (let k = 0; k < nn; k++) sum += Dn[i * nn + k] * W[j * nn + k];
          Dh[i * nh + j] = sum * slope(H[i * nh + j]);
          if (mask) Dh[i * nh + j] *= mask[i * nh + j];
        }
      }
    }
    // (3), (4) the gradients, the L2 term, then the step
    const eta = s.eta, mu = s.mu, l2 = s.penalty === "l2", lam = s.lam, n = this.n;
    for (let l = 0; l < L; l++) {
      const nin = sizes[l], no = sizes[l + 1], A = buf.A[l], Dl = buf.D[l], W = this.W[l];
      const vW = this.velocity?.[2 * l], vb = this.velocity?.[2 * l + 1];
      for (let j = 0; j < nin; j++) {
        for (let k = 0; k < no; k++) {
          let g = 0.0;
          for (let i = 0; i < m; i++) g += A[i * nin + j] * Dl[i * no + k];
          const at = j * no + k;
          if (l2) g = g + ((2.0 * W[at]) * lam) / n;
          if (vW) { vW[at] = mu * vW[at] - eta * g; W[at] += vW[at]; }
          else W[at] -= eta * g;
        }
      }
      const bias = this.b[l];
      for (let k = 0; k < no; k++) {
        let g = 0.0;
        for (let i = 0; i < m; i++) g += Dl[i * no + k];
        if (vb) { vb[k] = mu * vb[k] - eta * g; bias[k] += vb[k]; }
        else bias[k] -= eta * g;
      }
    }
    if (s.penalty === "l1") {
      const step = (eta * lam) / n;
      for (const W of this.W) {
        for (let i = 0; i < W.length; i++)
          W[i] = Math.sign(W[i]) * Math.max(Math.abs(W[i]) - step, 0.0);
      }
    }
  }

  /** One epoch (train's loop body): updates in order (n row indices; null: 0..n-1), with
   * masks[batch][hidden layer] for dropout, then losses and verdicts. Returns history. */
  epoch(order = null, masks = null) {
    if (this.done) return this.history;
    const s = this.settings, n = this.n, epoch = this.epochDone + 1;
    need(!order || order.length === n, `order must hold ${n} row indices`);
    this.ordered = !order && this.batch < n;  // the same minibatches every epoch
    for (let start = 0; start < n; start += this.batch)
      this.update(order, start, Math.min(this.batch, n - start), masks?.[start / this.batch]);
    const result = Number.isFinite(this.largestParameter())
      ? this.evaluate(this.X, this.T) : { loss: NaN, accuracy: null };
    if (!Number.isFinite(result.loss)) {
      return this.stop(epoch, "the training loss stopped being a finite number (the " +
        `arithmetic overflowed; it started at ${formatG(this.start, 4)})`);
    }
    this.epochDone = epoch;
    this.iterations += Math.ceil(n / this.batch);
    this.record(result, this.Xval ? this.evaluate(this.Xval, this.Tval) : null);
    const largest = this.largestParameter();
    const h = this.history.trainLoss, loss = result.loss;
    const falling = loss < this.lowest;
    if (falling) this.lowest = loss;
    const high = loss > this.limit, heavy = largest > this.weightLimit && !falling;
    if (high || heavy) {
      this.up.push([high, heavy]);
      this.stuckEpochs = 0;
      const k = this.up.length, rising = k > 1 && loss > h[h.length - 2];
      // no verdict in an epoch whose loss fell
      if (!(loss < h[h.length - 2]) && (rising || k >= s.divergenceEpochs || epoch === s.epochs))
        return this.stop(epoch, this.blownUp(h.slice(-k), largest));
    } else if (loss > this.stuckLine) {
      this.up = [];
      this.stuckEpochs += 1;
      if (this.stuckEpochs >= STUCK_EPOCHS_PER_DIVERGENCE_EPOCH * s.divergenceEpochs)
        return this.stop(epoch, this.describeStuck(loss));
    } else {
      this.up = [];
      this.stuckEpochs = 0;
      this.lastGood = this.snapshot(this.lastGood);
      this.goodEpoch = epoch;
    }
    if (epoch === s.epochs) {
      this.done = true;
      this.message = `Trained for ${counted(s.epochs, "epoch")} ` +
        `(${counted(this.iterations, "iteration")}); training ` +
        `loss ${formatG(h[0], 4)} -> ${formatG(loss, 4)}.`;
      if (loss > ENDED_HIGH * this.start && loss > this.knowsNothing) {
        const c = this.cause();
        this.message += ` The training loss ended at ${formatG(loss, 4)}, more than ` +
          `${ENDED_HIGH} times its start ${formatG(this.start, 4)} and above the loss of a ` +
          `network that knows nothing, ${formatG(this.knowsNothing, 4)}. ` +
          orderFirst(c, this.ordered);
      }
    }
    return this.history;
  }

  cause() {
    const s = this.settings, or = [s.mu > 0 && `the momentum mu = ${formatG(s.mu)}`,
      s.penalty !== null && `the penalty rate lam = ${formatG(s.lam)}`].filter(Boolean);
    const c = (p) => `he learning rate eta = ${formatG(s.eta)}` +
      (or.length ? ` (or ${or.join(", or ")})` : "") + ` is ${p}too large.`;
    if (!(this.inputSize > LARGE_INPUTS)) return "T" + c("probably ");
    return "The inputs are large: the largest |value| in X is " +
      `${formatG(this.inputSize, 3)}, and the first layer's gradient grows with them, while ` +
      "the initial weights are made for inputs of about 1. Scale X first, e.g. with a " +
      "Standardizer (ffnn_edu.nn.preprocessing) or scikit-learn's StandardScaler; if the run " +
      `still blows up, t${c("")}`;
  }

  stop(epoch, what) {
    this.restore(this.lastGood);
    Object.assign(this, { done: true, diverged: true, divergedEpoch: epoch });
    this.message = `Training diverged in epoch ${epoch}: ${what}. ` +
      `${orderFirst(this.cause(), this.ordered)} The network ` +
      `keeps the weights it had after epoch ${this.goodEpoch}.`;
    return this.history;
  }

  scaleWords() {
    return this.start >= this.knowsNothing ? `its starting value ${formatG(this.start, 4)}`
      : `the loss of a network that knows nothing, ${formatG(this.knowsNothing, 4)} ` +
        "(all weights 0, the same output for every input)";
  }

  /** What blew up in the epochs up, losses w: DivergenceMonitor._blown_up. */
  blownUp(w, largest) {
    const n = w.length, [high, heavy] = [0, 1].map((i) => this.up.filter((u) => u[i]).length);
    const x = formatG(w[n - 1], 4), L = formatG(this.limit, 4), W = formatG(this.weightLimit, 3);
    const y = formatG(largest, 3), row = `for ${counted(n, "epoch")} in a row`;
    const f = this.settings.factor;
    const lossWords = `${L} is ${formatG(f)} times ${this.scaleWords()}`;
    const weightWords = `${W} is ${formatG(WEIGHT_GROWTH * f)} times its starting size ` +
      `${formatG(Math.max(this.startWeight, 1.0), 3)} (at least 1) or the scale of the data ` +
      `${formatG(this.dataScale, 3)}, whichever is larger`;
    if (high === n) {
      let falls = 0, rises = 0;
      for (let i = 1; i < n; i++) { falls += w[i] < w[i - 1]; rises += w[i] > w[i - 1]; }
      const how = n < 2 ? `rose above ${L}, reaching ${x}`
        : rises === n - 1 ? `kept rising above ${L} ${row}, reaching ${x}`
        : `stayed above ${L} ${row}, ` + (!falls ? `reaching ${x}` : `falling in ${falls} of ` +
          `them, and ${w[n - 1] > w[n - 2] ? "rose again in the last, to" : "stopped " +
          "falling in the last, at"} ${x}`);
      return `the training loss ${how}; ${lossWords}`;
    }
    const wb = "largest weight or bias", none = "with no new lowest loss";
    if (heavy === n) {
      return `the weights blew up: the ${wb} ` + (n < 2 ? `was ${y}, above ${W}, ${none}`
        : `stayed above ${W} ${row} ${none}, ending at ${y}`) + `; ${weightWords}`;
    }
    return `the training loss or the weights stayed blown up ${row}: the loss above ${L} in ` +
      `${high} of them, the ${wb} above ${W} ${none} in ${heavy}, ending at a loss of ${x} ` +
      `and a ${wb} of ${y}; ${lossWords}; ${weightWords}`;
  }

  describeStuck(loss) {
    const line = formatG(this.stuckLine, 4);
    return `the training loss stayed above ${line} for ${this.stuckEpochs} epochs in a row, at ` +
      `${formatG(loss, 4)}; ${line} is ${formatG(STUCK_GROWTH)} times ${this.scaleWords()}. ` +
      `This loss cannot exceed ${formatG(this.largestLoss, 4)} (the outputs are bounded), so ` +
      "it cannot blow up; stuck this far above where it started, the outputs have saturated " +
      "on the wrong side";
  }

  /** The network's outputs for points (flat x1, x2, ...), into out. */
  predict(points, out) {
    const m = points.length / this.settings.sizes[0], buf = this.buffer(m);
    buf.A[0].set(points);
    this.forward(buf, m);
    out.set(buf.A[this.L].subarray(0, m));
    return out;
  }

  /** Weights and biases as nested arrays, in the package's shapes. */
  parameters() {
    const s = this.settings.sizes;
    return {
      weights: this.W.map((w, l) => Array.from({ length: s[l] },
        (_, j) => Array.from(w.subarray(j * s[l + 1], (j + 1) * s[l + 1])))),
      biases: this.b.map((b) => Array.from(b)),
    };
  }
}
