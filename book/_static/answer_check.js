// Answer boxes of the web book: judge a typed answer in the page, without a kernel.
//
// Each <form class="answer-check"> carries, in data-check (base64 JSON), the
// declaration of its exercise written at build time by ffnn_edu.show.check.web:
// the expected values, tolerances, praise and hints. This script only applies the
// rules of ffnn_edu/show/check/feedback.py (compare, compare_count, compare_limit);
// every message it shows comes from that data, in the words of the page
// (feedback.in_the_page: the Python check's, less the advice on quotes that only
// Python needs). tests/browser/test_answer_checks.py holds it to the Python checks,
// verdict for verdict and word for word.
"use strict";
(function () {
  const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  // "1/3" is a number too, as it is in Python without quotes
  const FRACTION = /^([+-]?(?:\d+\.?\d*|\.\d+))\/(\d+\.?\d*|\.\d+)$/;
  // Where a box wants one number, a number with a comma (ffnn_edu.nn.datasets, whose
  // patterns these are): "1,000" or "1,000,000", commas between thousands (or, one
  // comma, a decimal comma), and "0,5", a decimal comma.
  const THOUSANDS = /^[+-]?[1-9]\d{0,2}(?:,\d{3})+$/;
  const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;

  function decode(text) {
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function number(s) {
    const f = FRACTION.exec(s);
    if (f) return Number(f[1]) / Number(f[2]);
    return NUMBER.test(s) ? Number(s) : null;
  }

  // Numbers separated by commas or spaces, or null if anything else is there.
  function numbers(t) {
    const values = t.split(/[\s,]+/).filter((s) => s !== "").map(number);
    return values.every((v) => v !== null) ? values : null;
  }

  // A number with one decimal comma, written with a point: "2,50" -> "2.5"
  // (datasets._with_a_point).
  function withAPoint(t) {
    const s = t.replace(",", ".").replace(/0+$/, "");
    return s.endsWith(".") ? `${s}0` : s;
  }

  // What a number written with a comma may mean (datasets.comma_readings):
  // {thousands, decimal}, each a number as Python writes it or null; null if t is
  // no number with a comma.
  function commaReadings(t) {
    if (THOUSANDS.test(t)) {
      const decimal = t.split(",").length === 2 ? withAPoint(t) : null;
      return { thousands: t.replace(/,/g, ""), decimal };
    }
    if (DECIMAL_COMMA.test(t)) return { thousands: null, decimal: withAPoint(t) };
    return null;
  }

  // One box's text: {empty}, {text} (not numbers), {ragged} (rows of unequal
  // length) or {values, shape}: "0.5" is a number, "1, 2" or "[1, 2]" a list,
  // "[[1, 2], [3, 4]]" a matrix; "0,5" and "1,000" also carry {comma}, their
  // readings. {typed} is the text as read, for the messages.
  function parseField(raw) {
    const t = raw.replace(/\u2212/g, "-").trim();
    if (t === "") return { empty: true };
    return { typed: t, comma: commaReadings(t), big: big(t), ...parseList(t) };
  }

  // Whether t holds a number written finite but too large for a float ("1e400"),
  // which as_numbers names so (a Decimal or int); a fraction's parts are not read.
  const big = (t) =>
    t.split(/[\s,[\]]+/).some((s) => NUMBER.test(s) && !Number.isFinite(Number(s)));

  function parseList(t) {
    const matrix = /^\[\s*\[(.*)\]\s*\]$/s.exec(t);
    if (matrix) {
      const rows = matrix[1].split(/\]\s*,?\s*\[/).map(numbers);
      if (rows.some((r) => r === null)) return { text: true };
      if (rows.some((r) => r.length !== rows[0].length)) return { ragged: true };
      return { values: rows.flat(), shape: [rows.length, rows[0].length] };
    }
    const bracketed = t.startsWith("[") && t.endsWith("]");
    const values = numbers(bracketed ? t.slice(1, -1) : t);
    if (values === null) return { text: true };
    return { values, shape: !bracketed && values.length === 1 ? [] : [values.length] };
  }

  const shapeText = (shape) =>
    shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  const shapeOf = (e) => (Array.isArray(e) ? [e.length, ...shapeOf(e[0])] : []);
  const flat = (expected) => [expected].flat(Infinity);
  const sameShape = (a, b) => a.length === b.length && a.every((n, i) => n === b[i]);
  const fail = (message) => ({ correct: false, message });
  // A message template with its {names} filled in, in one pass (a typed "{text}"
  // stays as typed).
  const fill = (template, parts) =>
    template.replace(/\{(\w+)\}/g, (all, name) => (name in parts ? parts[name] : all));

  // What a number with a comma is told: the template of its kind, its readings in.
  function commaMessage(m, comma) {
    if (comma.decimal === null) return fill(m.thousands, comma);
    if (comma.thousands === null) return fill(m.decimal_comma, comma);
    return fill(m.ambiguous_comma, comma);
  }

  // The answer a stage judges, as Python's as_numbers would see it, or a failure.
  function given(stage, fields) {
    const m = stage.messages;
    let values;
    let shape;
    const scalar = fields.length > 1 || shapeOf(stage.expected).length === 0;
    // in the order of as_numbers: what numpy cannot make one array of (rows of unequal
    // length, a box of a list among others), then a number with a comma, then text
    if (fields.some((f) => f.ragged)) return fail(m.ragged);
    // several boxes make one list, as numpy makes one array of the arguments; a box
    // of one number that has a comma holds text, as it does in Python
    const lists = fields.filter(
      (f) => !f.text && !(scalar && f.comma) && f.shape.length > 0
    );
    if (fields.length > 1 && lists.length) {
      const first = lists[0].shape;
      const unequal = lists.some((f) => !sameShape(f.shape, first));
      if (lists.length < fields.length || unequal) return fail(m.ragged);
    }
    const comma = scalar && fields.find((f) => f.comma);
    if (comma) return fail(commaMessage(m, comma.comma));
    const text = fields.find((f) => f.text);
    if (text) return fail(fill(m.text, { text: text.typed }));
    if (fields.length === 1) {
      ({ values, shape } = fields[0]);
    } else if (lists.length) {
      values = fields.flatMap((f) => f.values);
      shape = [fields.length, ...lists[0].shape];
    } else {
      values = fields.map((f) => f.values[0]);
      shape = [fields.length];
    }
    if (fields.some((f) => f.big)) {
      return fail(shape.length === 0 ? m.too_large_one : m.too_large_many);
    }
    if (!values.every(Number.isFinite)) {
      return fail(shape.length === 0 ? m.infinite_one : m.infinite_many);
    }
    return { values, shape };
  }

  function ruleMatches(rule, a) {
    const within = (g, v) => Math.abs(g - v) <= rule.atol + rule.rtol * Math.abs(v);
    switch (rule.kind) {
      case "near":
        // a reordering also reads as the values rounded to too few decimals
        return (
          a.length === rule.value.length &&
          (a.every((g, i) => rule.value[i] === null || within(g, rule.value[i])) ||
            (rule.decimals > 0 && roundsTo(a, rule.value, rule.decimals)))
        );
      case "sum_off":
        return !within(a.reduce((s, g) => s + g, 0), rule.value);
      case "below":
        return a.every((g) => g < rule.value);
      case "above":
        return a.every((g) => g > rule.value);
      case "at_most":
        return a.every((g) => g <= rule.value);
      default:
        throw new Error(`unknown rule ${rule.kind}`);
    }
  }

  function firstHint(stage, a) {
    const hit = stage.hints.find((h) => ruleMatches(h.rule, a));
    return hit ? hit.message : stage.generic;
  }

  // numpy.format_float_positional(x, trim="-"): the shortest digits, no exponent.
  function positional(x) {
    const s = String(x);
    if (!/e/i.test(s)) return s;
    const [mantissa, exp] = s.split(/e/i);
    const sign = mantissa.startsWith("-") ? "-" : "";
    const [ip, fp = ""] = mantissa.replace("-", "").split(".");
    const digits = ip + fp;
    const point = ip.length + Number(exp);
    if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
    if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }

  function typedDigits(x) {
    const s = positional(x);
    const decimals = s.includes(".") ? s.split(".")[1].length : 0;
    const significant = s.replace("-", "").replace(".", "").replace(/^0+/, "").length;
    return [decimals, significant];
  }

  // Python's round(t, d): the exact value rounded, a tie to the even digit.
  function roundLikePython(t, d) {
    const [ip, fp] = Math.abs(t).toFixed(100).split(".");
    if (fp[d] === "5" && /^0*$/.test(fp.slice(d + 1))) {
      const last = Number(d === 0 ? ip[ip.length - 1] : fp[d - 1]);
      if (last % 2 === 0) {
        const kept = ip + (d > 0 ? `.${fp.slice(0, d)}` : "");
        return Number((t < 0 ? "-" : "") + kept);
      }
    }
    return Number(t.toFixed(d));
  }

  // printed_values.rounded: t's shortest decimal form (the digits String(t) shows)
  // rounded to d decimals, a final 5 away from zero (half up: 2.675 is 2.68).
  function roundHalfUp(t, d) {
    const [mantissa, exponent] = Math.abs(t).toExponential().split("e");
    const digits = mantissa.replace(".", "");
    const keep = Number(exponent) + 1 + d; // digits kept, from the first
    if (keep >= digits.length) return t;
    if (keep < 0) return 0;
    const up = digits[keep] >= "5" ? 1n : 0n;
    const kept = BigInt(digits.slice(0, keep) || "0") + up;
    return (t < 0 ? -1 : 1) * Number(`${kept}e${-d}`);
  }

  // feedback.py's _rounded: g is t rounded (half even, as Python's round, or half
  // up), or cut off, to the decimals it shows or to more (a number keeps no trailing
  // zero: 0.70 is 0.7, 0.0 is 0), but to fewer than needed. Cut off: g lies between
  // 0 and t (or is 0), less than one unit of the last decimal from it.
  function rounded(g, t, decimalsNeeded) {
    const [decimals, significant] = typedDigits(g);
    // a whole number of one digit (1, 0) shows no decimal: read as typed 1.0 or 0.0
    const first = decimals > 0 || significant >= 2 ? decimals : 1;
    for (let d = first; d < decimalsNeeded; d += 1) {
      if (Math.abs(roundLikePython(t, d) - g) <= 1e-12) return true;
      if (Math.abs(roundHalfUp(t, d) - g) <= 1e-12) return true;
      const toward = g === 0 || g > 0 === t > 0;
      const gap = Math.abs(t) - Math.abs(g);
      if (toward && Math.abs(g) <= Math.abs(t) && gap < 10 ** -d - 1e-12) return true;
    }
    return false;
  }

  // feedback.py's rounds_to: every entry rounded or cut off; an answer of zeros
  // shows no digit of a value that is not 0.
  function roundsTo(a, target, decimalsNeeded) {
    const shown = a.some((g) => g !== 0) || target.every((t) => t === 0);
    return shown && a.every((g, i) => rounded(g, target[i], decimalsNeeded));
  }

  function judgeStage(stage, fields) {
    const verdict = judgePlain(stage, fields);
    if (verdict.correct || !stage.prefix) return verdict;
    return fail(stage.prefix + verdict.message);
  }

  function judgePlain(stage, fields) {
    const g = given(stage, fields);
    if (g.correct === false) return g;
    const target = flat(stage.expected);
    const wanted = shapeOf(stage.expected);
    if (!sameShape(g.shape, wanted)) {
      return fail(fill(stage.messages.shape, { shape: shapeText(g.shape) }));
    }
    const a = g.values;
    if (stage.kind === "compare") {
      if (a.every((x, i) => Math.abs(x - target[i]) <= stage.tolerance)) {
        return { correct: true, message: stage.praise };
      }
      if (stage.tolerance > 0 && roundsTo(a, target, stage.decimals)) {
        // feedback.py's compare: a "near" slip whose value the answer is names it
        // better than its digits (a reordering carries decimals: not such a slip)
        const slip = (r) => r.kind === "near" && !(r.decimals > 0);
        const named = stage.hints.find((h) => slip(h.rule) && ruleMatches(h.rule, a));
        return fail(named ? named.message : stage.more_digits);
      }
      return fail(firstHint(stage, a));
    }
    if (stage.kind === "count") {
      const whole = a.map(Math.round);
      if (a.some((x, i) => Math.abs(x - whole[i]) > 1e-9 * Math.max(1, Math.abs(x)))) {
        return fail(stage.not_whole);
      }
      if (whole.every((x, i) => x === target[i])) {
        return { correct: true, message: stage.praise };
      }
      return fail(firstHint(stage, whole));
    }
    // "limit": right at or just below the limit, never above it by more than its
    // rounding (feedback.rounding_allowance): float32's (stage.rounding) for a number
    // float32 holds exactly, float64's (stage.noise) for any other, a typed decimal
    const x = a[0];
    const limit = target[0];
    const rounding = Math.fround(x) === x ? stage.rounding : stage.noise;
    if (limit * (1 - stage.relative) <= x && x <= limit * (1 + rounding)) {
      return { correct: true, message: stage.praise };
    }
    if (limit < x && x <= limit * (1 + stage.relative)) return fail(stage.beyond);
    return fail(firstHint(stage, a));
  }

  // The first stage's verdict that is not right, or the last stage's.
  function judgeStages(check, parsed) {
    let verdict = null;
    for (const stage of check.stages) {
      verdict = judgeStage(
        stage,
        stage.fields.map((n) => parsed[n])
      );
      if (!verdict.correct) return verdict;
    }
    return verdict;
  }

  // The verdict on the boxes' texts, keyed by field name: {correct, message} or null
  // while a box is empty. A check of two answers may declare "swapped": said when
  // the two answers, exchanged, would both be right (WebCheck.judge in Python).
  function judge(check, texts) {
    const parsed = {};
    for (const f of check.fields) {
      parsed[f.name] = parseField(texts[f.name] || "");
      if (parsed[f.name].empty) return null;
    }
    const verdict = judgeStages(check, parsed);
    if (verdict.correct) {
      return check.praise === null ? verdict : { correct: true, message: check.praise };
    }
    if (check.swapped !== null && check.swapped !== undefined) {
      const [first, second] = check.fields.map((f) => f.name);
      const exchanged = { [first]: parsed[second], [second]: parsed[first] };
      if (judgeStages(check, exchanged).correct) return fail(check.swapped);
    }
    return verdict;
  }

  function wire(form) {
    const check = decode(form.dataset.check);
    const status = form.querySelector("[role=status]");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const texts = {};
      for (const input of form.querySelectorAll("input[name]")) {
        texts[input.name] = input.value;
      }
      const verdict = judge(check, texts);
      form.classList.remove("answer-right", "answer-wrong");
      if (verdict === null) {
        status.textContent = check.empty;
        return;
      }
      const word = verdict.correct ? check.right : check.wrong;
      status.textContent = `${word} ${verdict.message}`.trim();
      form.classList.add(verdict.correct ? "answer-right" : "answer-wrong");
    });
  }

  window.ffnnAnswerCheck = { judge, decode };
  const start = () => document.querySelectorAll("form.answer-check").forEach(wire);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
