#!/usr/bin/env python3
"""The study's tables in docs/RESULTS.md, from the records in docs/results (nothing else is read).

One row per method: mean ± sample std over its seeds of IoU, boundary F and boundary IoU at model and at
each mask's own resolution, and training minutes; the best mean per column in bold; each row's
difference to the control row in IoU and boundary F, and whether the two rows' seed ranges overlap.
Boundary IoU is the disk-erosion one throughout, so old and new records compare: the twelve older
records were scored with it, and each newer record has it in boundary-iou-disk.json (collect-record.sh).
A second table lists every seed's own values.

Usage, from the repository root:
  python3 docs/study/study-table.py --update docs/RESULTS.md   (every <!-- study-table NAME [per-seed] --> block)
  python3 docs/study/study-table.py --question q1     (rows and control from docs/study/questions.json)
  python3 docs/study/study-table.py --control asm+bce bce cgan asm asm+bce bce+dice bce+lovasz aaf
"""
import argparse
import json
import os
import re
import statistics
import sys

KEYS = [("iou", "test", "iou"), ("boundary_f", "test", "boundary_f"), ("boundary_iou", "test", "boundary_iou"),
        ("iou_o", "test_original", "iou"), ("boundary_f_o", "test_original", "boundary_f"), ("boundary_iou_o", "test_original", "boundary_iou")]
TITLES = ["IoU", "boundary F", "boundary IoU", "IoU (orig.)", "boundary F (orig.)", "boundary IoU (orig.)"]


def runs_of(records, row):
    """The records of one row: RECORDS/<row>-seed<N>/ (a row may name a sub-folder: second-stage/bce)."""
    runs = []
    parent = os.path.join(records, os.path.dirname(row))
    prefix = os.path.basename(row) + "-seed"
    if not os.path.isdir(parent):
        return runs
    for name in sorted(os.listdir(parent)):
        if not name.startswith(prefix) or not name[len(prefix):].isdigit():
            continue
        folder = os.path.join(parent, name)
        result_path = os.path.join(folder, "result.json")
        if not os.path.isfile(result_path):
            continue
        with open(result_path) as f:
            result = json.load(f)
        values = {key: result[part][field] for key, part, field in KEYS}
        disk_path = os.path.join(folder, "boundary-iou-disk.json")
        if os.path.isfile(disk_path):
            with open(disk_path) as f:
                disk = json.load(f)
            values["boundary_iou"] = disk["test"]["boundary_iou"]
            values["boundary_iou_o"] = disk["test_original"]["boundary_iou"]
        elif result.get("config") is not None:
            sys.exit(f"{folder}: a record with a config (square erosion) but no boundary-iou-disk.json; run docs/study/collect-record.sh on it")
        values["train_min"] = result["train_seconds"] / 60
        values["seed"] = result["seed"]
        runs.append(values)
    return runs


def mean_std(values):
    return statistics.mean(values), (statistics.stdev(values) if len(values) > 1 else None)


def cell(values, bold):
    mean, std = mean_std(values)
    text = f"{mean:.3f}" if std is None else f"{mean:.3f} ± {std:.3f}"
    return f"**{text}**" if bold else text


def load_question(path, name):
    with open(path) as f:
        text = "\n".join(line for line in f if not line.lstrip().startswith("//"))
    question = next((q for q in json.loads(text) if q["name"] == name), None)
    if question is None:
        sys.exit(f"{path}: no question named {name}")
    return question["rows"], question["control"]


def tables(records, control_name, methods, summary=True, per_seed=True):
    """The summary table and/or the per-seed table as Markdown lines."""
    rows = [(m, runs_of(records, m)) for m in methods]
    rows = [(m, r) for m, r in rows if r]
    control = dict(rows).get(control_name) or sys.exit(f"no records of the control {control_name} under {records}")
    best = {key: max(statistics.mean(v[key] for v in r) for _, r in rows) for key, _, _ in KEYS}
    out = ["| method | seeds | " + " | ".join(TITLES) + f" | train min | Δ IoU, Δ boundary F vs {control_name} | seeds' ranges vs {control_name} (boundary F) |",
           "|---|---|" + "---|" * (len(TITLES) + 3)]
    for method, runs in rows:
        cells = [cell([v[key] for v in runs], statistics.mean(v[key] for v in runs) == best[key]) for key, _, _ in KEYS]
        train = f"{statistics.mean(v['train_min'] for v in runs):.1f}"
        if method == control_name:
            delta, overlap = "(control)", "(control)"
        else:
            d_iou = statistics.mean(v["iou"] for v in runs) - statistics.mean(v["iou"] for v in control)
            d_bf = statistics.mean(v["boundary_f"] for v in runs) - statistics.mean(v["boundary_f"] for v in control)
            delta = f"{d_iou:+.3f}, {d_bf:+.3f}"
            lo, hi = min(v["boundary_f"] for v in runs), max(v["boundary_f"] for v in runs)
            clo, chi = min(v["boundary_f"] for v in control), max(v["boundary_f"] for v in control)
            if len(runs) < 2 and len(control) < 2:
                overlap = "one seed each"
            else:
                overlap = ("overlap" if lo <= chi and clo <= hi else ("above" if lo > chi else "below")) + f" ({lo:.3f}–{hi:.3f} vs {clo:.3f}–{chi:.3f})"
        out.append(f"| {method} | {len(runs)} | " + " | ".join(cells) + f" | {train} | {delta} | {overlap} |")
    if not summary:
        out = []
    if per_seed:
        out += ([""] if out else []) + ["| run | " + " | ".join(TITLES) + " | train min |", "|---|" + "---|" * (len(TITLES) + 1)]
        for method, runs in rows:
            for v in runs:
                out.append(f"| {method} seed {v['seed']} | " + " | ".join(f"{v[key]:.3f}" for key, _, _ in KEYS) + f" | {v['train_min']:.1f} |")
    return out


MARKER = re.compile(r"<!-- study-table (?P<name>[\w-]+)(?P<seeds> per-seed)? -->\n.*?<!-- /study-table -->", re.S)


def update(path, records, questions):
    """Rewrites every block between <!-- study-table NAME [per-seed] --> and <!-- /study-table --> in PATH:
    the question's summary table, or with per-seed its table of every seed."""
    with open(path) as f:
        text = f.read()

    def block(match):
        methods, control = load_question(questions, match["name"])
        seeds = bool(match["seeds"])
        lines = tables(records, control, methods, summary=not seeds, per_seed=seeds)
        return match.group(0).split("\n", 1)[0] + "\n" + "\n".join(lines) + "\n<!-- /study-table -->"

    new, count = MARKER.subn(block, text)
    if count == 0:
        sys.exit(f"{path}: no <!-- study-table NAME --> blocks")
    with open(path, "w") as f:
        f.write(new)
    print(f"{path}: {count} table block(s) rewritten")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", default="docs/results")
    parser.add_argument("--control")
    parser.add_argument("--question", help="a question of docs/study/questions.json: its rows and control")
    parser.add_argument("--questions", default="docs/study/questions.json")
    parser.add_argument("--update", metavar="FILE", help="rewrite the <!-- study-table NAME --> blocks of FILE (docs/RESULTS.md)")
    parser.add_argument("methods", nargs="*", help="rows: record labels (a folder under RECORDS without -seedN)")
    args = parser.parse_args()
    if args.update:
        update(args.update, args.records, args.questions)
        return
    if args.question:
        args.methods, args.control = load_question(args.questions, args.question)
    if not args.methods or not args.control:
        sys.exit("give --question NAME, or --control ROW and the rows, or --update FILE")
    print("\n".join(tables(args.records, args.control, args.methods)))


if __name__ == "__main__":
    main()
