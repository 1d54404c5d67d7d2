#!/usr/bin/env python3
"""Turns a bench/run results directory into summary.md and PNG plots (gnuplot).

Usage: summarize.py RESULTS_DIR

Reads RESULTS_DIR/results.jsonl (one JSON object per measurement), machine.txt and raw/jmh.json.
Every ratio is taken inside one repeat (system / raw baseline of the same repeat) and reported
as the median over repeats with the min..max spread, so slow drift of the machine cancels out.
Standard library only; plots need gnuplot.
"""
import json
import os
import statistics
import subprocess
import sys

NAMES = {
    "a": "(a) raw Javalin+JDBC",
    "b": "(b) svc-infra quickstart",
    "c": "(c) Spring Data REST+JPA",
    "d": "(d) Spring Data JDBC+MVC",
}
OPS = ["get", "list", "search", "create", "patch", "mixed"]


def load(out):
    rows = []
    with open(os.path.join(out, "results.jsonl")) as f:
        for line in f:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    return rows


def machine(out):
    info = {}
    path = os.path.join(out, "machine.txt")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    info[k] = v
    return info


def med(values):
    return statistics.median(values) if values else None


def spread(values, fmt="{:.2f}"):
    """median (min..max), or the single value."""
    if not values:
        return "n/a"
    if len(values) == 1:
        return fmt.format(values[0])
    return (fmt + " ({}..{})").format(med(values), fmt.format(min(values)), fmt.format(max(values)))


def cpu_per_request_us(r):
    """Server CPU time per request in microseconds, or None when not recorded."""
    if "server_cpu_ms" not in r or not r["wrk"]["requests"]:
        return None
    return r["server_cpu_ms"] * 1000.0 / r["wrk"]["requests"]


def metric(r, key):
    return cpu_per_request_us(r) if key == "cpu_us" else r["wrk"][key]


def ratios(rows, section, key, systems, ops, match=lambda r: True):
    """{(system, op): [system/a per repeat]} for a wrk metric (or "cpu_us")."""
    by = {}
    for r in rows:
        if r.get("section") == section and match(r) and metric(r, key) is not None:
            by[(r["rep"], r["system"], r.get("op"))] = metric(r, key)
    out = {}
    for s in systems:
        for op in ops:
            vals = []
            for (rep, sys_, o), v in by.items():
                if sys_ == s and o == op:
                    base = by.get((rep, "a", op))
                    if base:
                        vals.append(v / base)
            out[(s, op)] = vals
    return out


def absolute(rows, section, key, s, op):
    return [metric(r, key) for r in rows
            if r.get("section") == section and r["system"] == s and r.get("op") == op
            and metric(r, key) is not None]


def http_tables(rows, systems, lines):
    rps = ratios(rows, "http", "rps", systems, OPS)
    p50 = ratios(rows, "http", "p50_ms", systems, OPS)
    p99 = ratios(rows, "http", "p99_ms", systems, OPS)
    cpu = ratios(rows, "http", "cpu_us", systems, OPS)
    lines.append("## 1. HTTP CRUD on PostgreSQL (ratios to the raw baseline (a), same repeat)\n")
    lines.append("Each cell: median over repeats (min..max). Throughput above 1 is faster than (a); "
                 "latency and CPU above 1 are slower. Server CPU time per request (user + system "
                 "time of the server process during the run / requests) shows the cost of each "
                 "stack even when PostgreSQL, not the server, limits throughput.\n")
    for title, table, fmt in (("Requests/s", rps, "{:.2f}"), ("p50 latency", p50, "{:.2f}"),
                              ("p99 latency", p99, "{:.2f}"),
                              ("Server CPU time per request", cpu, "{:.2f}")):
        lines.append(f"### {title} / (a)\n")
        lines.append("| operation | " + " | ".join(NAMES[s] for s in systems) + " |")
        lines.append("|---|" + "---|" * len(systems))
        for op in OPS:
            cells = [spread(table[(s, op)], fmt) for s in systems]
            if all(c == "n/a" for c in cells):
                continue
            lines.append(f"| {op} | " + " | ".join(cells) + " |")
        lines.append("")
    lines.append("### Absolute figures (median over repeats)\n")
    lines.append("| operation | system | req/s | p50 ms | p99 ms | server CPU us/request "
                 "| non-2xx | socket errors |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for op in OPS:
        for s in systems:
            rs = [r for r in rows if r.get("section") == "http" and r["system"] == s
                  and r.get("op") == op]
            if not rs:
                continue
            w = [r["wrk"] for r in rs]
            non2xx = sum(x["errors_status"] for x in w)
            sock = sum(x["errors_connect"] + x["errors_read"] + x["errors_write"]
                       + x["errors_timeout"] for x in w)
            cpu_us = [c for c in (cpu_per_request_us(r) for r in rs) if c is not None]
            cpu_cell = f"{med(cpu_us):.0f}" if cpu_us else "n/a"
            lines.append(f"| {op} | {NAMES[s]} | {med([x['rps'] for x in w]):.0f} | "
                         f"{med([x['p50_ms'] for x in w]):.2f} | {med([x['p99_ms'] for x in w]):.2f}"
                         f" | {cpu_cell} | {non2xx} | {sock} |")
    lines.append("")
    return rps, p99


def pgbench_table(rows, systems, lines):
    pg = [r["tps"] for r in rows if r.get("section") == "pgbench"]
    if not pg:
        return
    lines.append("## 2. Physical limit: `pgbench -S` beside get-by-id\n")
    lines.append("| what | per second, median (min..max) | share of pgbench -S |")
    lines.append("|---|---|---|")
    lines.append(f"| pgbench -S (select-only, prepared) | {spread(pg, '{:.0f}')} | 1.00 |")
    for s in systems:
        g = absolute(rows, "http", "rps", s, "get")
        if g:
            lines.append(f"| {NAMES[s]} get-by-id over HTTP | {spread(g, '{:.0f}')} | "
                         f"{med(g) / med(pg):.2f} |")
    lines.append("")


def startup_rss(rows, systems, lines):
    def kib_as_mib(section, s):
        return [r["kb"] / 1024 for r in rows if r.get("section") == section and r["system"] == s]
    st = {s: [r["ms"] for r in rows if r.get("section") == "startup" and r["system"] == s]
          for s in systems}
    rss = {s: kib_as_mib("rss", s) for s in systems}
    live = {s: kib_as_mib("live-heap", s) for s in systems}
    if not any(st.values()):
        return {}, {}
    lines.append("## 5. Startup and memory\n")
    lines.append("Startup: JVM launch to the first 200 on the readiness route (quickstart "
                 "`/_health/ready`, raw `/health`, Spring `/actuator/health`). Peak RSS: VmHWM "
                 "of the server after the mixed run. Live heap: the objects still reachable after "
                 "a full GC at that moment (`jcmd GC.class_histogram`), what the stack itself "
                 "keeps, however far the collector let garbage fill the heap. Same "
                 "`-Xms64m -Xmx512m` for every JVM.\n")
    lines.append("| system | startup ms | peak RSS MiB | live heap MiB |")
    lines.append("|---|---|---|---|")
    for s in systems:
        lines.append(f"| {NAMES[s]} | {spread(st[s], '{:.0f}')} | {spread(rss[s], '{:.0f}')} | "
                     f"{spread(live[s], '{:.1f}')} |")
    lines.append("")
    return st, rss


def vt_table(rows, lines):
    vt = [r for r in rows if r.get("section") == "vt"]
    if not vt:
        return
    lines.append("## 6. Virtual threads: mixed workload, JDK 17 platform threads vs JDK 25 "
                 "virtual threads\n")
    lines.append("Threads on JDK 25: read from the thread names in the server's log "
                 "(`unknown` when it logged nothing from a request thread).\n")
    lines.append("| system | connections | JDK 17 req/s | JDK 25 req/s | 25/17 req/s | "
                 "JDK 17 p99 ms | JDK 25 p99 ms | 25/17 p99 | socket errors 17/25 | "
                 "threads on JDK 25 |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    seen = {}
    for r in rows:
        if r.get("section") == "vt-threads" and r["jdk"] == 25:
            seen.setdefault(r["system"], set()).add(r["threads"])
    for s in sorted({r["system"] for r in vt}):
        for c in sorted({r["connections"] for r in vt}):
            def pick(jdk):
                return {r["rep"]: r["wrk"] for r in vt
                        if r["system"] == s and r["connections"] == c and r["jdk"] == jdk}
            a, b = pick(17), pick(25)
            reps = sorted(set(a) & set(b))
            if not reps:
                continue
            rr = [b[k]["rps"] / a[k]["rps"] for k in reps if a[k]["rps"]]
            pr = [b[k]["p99_ms"] / a[k]["p99_ms"] for k in reps if a[k]["p99_ms"]]

            def errs(d):
                return sum(x["errors_connect"] + x["errors_read"] + x["errors_write"]
                           + x["errors_timeout"] + x["errors_status"] for x in d.values())
            lines.append(f"| {NAMES[s]} | {c} | {med([a[k]['rps'] for k in reps]):.0f} | "
                         f"{med([b[k]['rps'] for k in reps]):.0f} | {spread(rr)} | "
                         f"{med([a[k]['p99_ms'] for k in reps]):.1f} | "
                         f"{med([b[k]['p99_ms'] for k in reps]):.1f} | {spread(pr)} | "
                         f"{errs(a)}/{errs(b)} | {', '.join(sorted(seen.get(s, {'n/a'})))} |")
    lines.append("")


def jmh_table(out, lines):
    path = os.path.join(out, "raw", "jmh.json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        data = json.load(f)
    scores = {}
    for b in data:
        name = b["benchmark"].rsplit(".", 1)[-1]
        m = b["primaryMetric"]
        try:
            err = float(m.get("scoreError", 0.0))
        except (TypeError, ValueError):
            err = float("nan")
        scores[name] = (float(m["score"]), err, m["scoreUnit"])
    lines.append("## 3. Repository overhead (JMH, in-process database)\n")
    lines.append("Average time per operation; ratio = repository / raw JDBC on the same pool "
                 "(target <= 1.15).\n")
    lines.append("| operation | raw JDBC | repository | repository / raw |")
    lines.append("|---|---|---|---|")
    ratios_ = {}
    for op in ("getById", "listPage", "create", "update"):
        raw, repo = scores.get(op + "Jdbc"), scores.get(op + "Repository")
        if raw and repo:
            ratios_[op] = repo[0] / raw[0]
            lines.append(f"| {op} | {raw[0]:.2f} ± {raw[1]:.2f} {raw[2]} | "
                         f"{repo[0]:.2f} ± {repo[1]:.2f} {repo[2]} | {ratios_[op]:.2f} |")
    lines.append("")
    return ratios_


def migrations_table(rows, lines):
    mig = [r for r in rows if r.get("section") == "migrations"]
    if not mig:
        return {}
    lines.append("## 4. Migrations vs Flyway Community (PostgreSQL)\n")
    lines.append("| task | svc-infra ms | Flyway ms | svc-infra / Flyway |")
    lines.append("|---|---|---|---|")
    out = {}
    for task in sorted({r["task"] for r in mig}):
        ours = [r["ms"] for r in mig if r["task"] == task and r["tool"] == "svc-infra"]
        fly = [r["ms"] for r in mig if r["task"] == task and r["tool"] == "flyway"]
        reps = sorted({r["rep"] for r in mig if r["task"] == task})
        rr = []
        for rep in reps:
            o = [r["ms"] for r in mig if r["task"] == task and r["tool"] == "svc-infra"
                 and r["rep"] == rep]
            f = [r["ms"] for r in mig if r["task"] == task and r["tool"] == "flyway"
                 and r["rep"] == rep]
            if o and f and f[0]:
                rr.append(o[0] / f[0])
        out[task] = rr
        lines.append(f"| {task} | {spread(ours, '{:.0f}')} | {spread(fly, '{:.0f}') if fly else 'n/a'}"
                     f" | {spread(rr) if rr else 'n/a'} |")
    lines.append("")
    return out


def targets(systems, rps, p99, st, rss, jmh, mig, lines):
    lines.append("## Targets\n")
    lines.append("| target | measured | met |")
    lines.append("|---|---|---|")

    def row(name, value, ok):
        lines.append(f"| {name} | {value} | {'yes' if ok else 'NO'} |")
    if "b" in systems:
        for op in OPS:
            r = rps.get(("b", op)) or []
            p = p99.get(("b", op)) or []
            if r:
                row(f"(b) {op} throughput >= 0.90x (a)", spread(r), med(r) >= 0.90)
            if p:
                row(f"(b) {op} p99 <= 1.2x (a)", spread(p), med(p) <= 1.2)
        for op in OPS:
            b, c = rps.get(("b", op)) or [], rps.get(("c", op)) or []
            if b and c:
                row(f"(b) {op} throughput >= 3x (c)", f"{med(b) / med(c):.2f}x",
                    med(b) / med(c) >= 3)
        for peer in ("c", "d"):
            if st.get("b") and st.get(peer):
                v = med(st["b"]) / med(st[peer])
                row(f"startup (b) <= 1/3 of {NAMES[peer]}", f"{v:.2f}x", v <= 1 / 3)
            if rss.get("b") and rss.get(peer):
                v = med(rss["b"]) / med(rss[peer])
                row(f"peak RSS (b) <= 1/2 of {NAMES[peer]}", f"{v:.2f}x", v <= 0.5)
    else:
        lines.append("| generated routes (b) | not measured: the quickstart was not built | NO |")
    for op, v in jmh.items():
        row(f"repository {op} <= 1.15x raw JDBC", f"{v:.2f}", v <= 1.15)
    for task, v in mig.items():
        if v:
            row(f"migrations {task} not slower than Flyway", spread(v), med(v) <= 1.0)
    lines.append("")


def plots(out, rows, systems):
    """Two clustered bar charts: requests/s and p99 per operation per system."""
    if not any(r.get("section") == "http" for r in rows):
        return []
    made = []
    for key, label, fname, logscale in (("rps", "requests/s (median of repeats)", "throughput.png",
                                          True),
                                         ("p99_ms", "p99 latency, ms (median of repeats)",
                                          "p99.png", True)):
        dat = os.path.join(out, f"{key}.dat")
        with open(dat, "w") as f:
            f.write("op " + " ".join('"%s"' % NAMES[s] for s in systems) + "\n")
            for op in OPS:
                vals = [med(absolute(rows, "http", key, s, op)) or 0 for s in systems]
                if any(vals):
                    f.write(op + " " + " ".join(f"{v:.3f}" for v in vals) + "\n")
        script = "\n".join([
            "set terminal pngcairo size 1100,600 font 'sans,11'",
            f"set output '{os.path.join(out, fname)}'",
            f"set title '{label} per operation and system (log scale)'",
            "set style data histograms",
            "set style histogram clustered gap 1",
            "set style fill solid 0.85 border -1",
            "set boxwidth 0.9",
            "set key outside top center horizontal",
            "set grid ytics",
            f"set ylabel '{label}'",
            "set logscale y" if logscale else "",
            "set yrange [*:*]",
            f"plot for [i=2:{len(systems) + 1}] '{dat}' using i:xtic(1) title columnheader(i)",
        ])
        try:
            subprocess.run(["gnuplot"], input=script, text=True, check=True)
            made.append(fname)
        except (OSError, subprocess.CalledProcessError) as e:
            print(f"summarize: gnuplot failed for {fname}: {e}", file=sys.stderr)
        os.remove(dat)
    return made


def main():
    out = sys.argv[1]
    rows = load(out)
    info = machine(out)
    systems = [s for s in "abcd" if any(r.get("system") == s for r in rows)]
    lines = ["# svc-infra benchmark results\n"]
    lines.append(f"Run {info.get('date_utc', '?')}; settings: {info.get('settings', '?')}.\n")
    lines.append("- Machine: " + info.get("cpu", "?") + f", {int(info.get('memory_kb', 0)) // 1024} MiB,"
                 f" kernel {info.get('kernel', '?')}")
    loads = [f"{k[5:].replace('_', ' ', 1)}: {v}" for k, v in info.items() if k.startswith("load_")]
    lines.append("- Load average (1, 5, 15 min) around each part of the run: " + "; ".join(loads))
    lines.append(f"- JDK 17: {info.get('java17', '?')}; JDK 25: {info.get('java25', 'n/a')}")
    lines.append(f"- PostgreSQL {info.get('postgres', '?')} on loopback (not pinned); "
                 f"{info.get('wrk', 'wrk')}; JVM options `{info.get('java_opts', '')}`")
    if info.get("extra_sql"):
        lines.append(f"- Experiment: after loading the data, `{info['extra_sql']}`")
    lines.append("- Server pinned to CPU 1, wrk and pgbench to CPU 0 (`taskset`); fixed "
                 "connections, a mixed warm-up per server start, then each operation.")
    lines.append("- Reproduce: `bench/run` (full) or `bench/run --quick`; method in "
                 "[bench/README.md](../../README.md).\n")
    rps, p99 = {}, {}
    if any(r.get("section") == "http" for r in rows):
        rps, p99 = http_tables(rows, systems, lines)
        pgbench_table(rows, systems, lines)
    jmh = jmh_table(out, lines)
    mig = migrations_table(rows, lines)
    st, rss = startup_rss(rows, systems, lines)
    vt_table(rows, lines)
    targets(systems, rps, p99, st, rss, jmh, mig, lines)
    made = plots(out, rows, systems)
    if made:
        lines.append("## Plots\n")
        for m in made:
            lines.append(f"![{m}]({m})\n")
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write("\n".join(lines))
    print(os.path.join(out, "summary.md"))


if __name__ == "__main__":
    main()
