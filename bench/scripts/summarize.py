#!/usr/bin/env python3
"""Turns a bench/run results directory into summary.md and PNG plots (gnuplot).

Usage: summarize.py RESULTS_DIR

Reads RESULTS_DIR/results.jsonl (one JSON object per measurement), machine.txt and raw/jmh.json.
Every ratio is taken inside one repeat and one configuration (system / baseline of the same
repeat: the idiomatic baseline (a') when it ran, else the mirror (a)) and reported as the median
over repeats with the min..max spread, so slow drift of the machine cancels out.
Standard library only; plots need gnuplot.
"""
import json
import os
import statistics
import subprocess
import sys

NAMES = {
    "a": "(a) raw mirror Javalin+JDBC",
    "i": "(a') idiomatic Javalin+JDBC",
    "b": "(b) svc-infra quickstart",
    "c": "(c) Spring Data REST+JPA",
    "d": "(d) Spring Data JDBC+MVC",
    "v": "(v) Vert.x web+reactive pg",
    "q": "(q) Quarkus REST+Panache",
}
ORDER = "aibcdvq"
# Runs before issue 23 had one configuration and no "config" field.
LEGACY_CONFIG = "jdk17-pinned"
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


def config_of(r):
    return r.get("config", LEGACY_CONFIG)


def ratios(rows, section, key, systems, ops, base, config):
    """{(system, op): [system/base per repeat]} for a wrk metric (or "cpu_us") in one config."""
    by = {}
    for r in rows:
        if r.get("section") == section and config_of(r) == config and metric(r, key) is not None:
            by[(r["rep"], r["system"], r.get("op"))] = metric(r, key)
    out = {}
    for s in systems:
        for op in ops:
            vals = []
            for (rep, sys_, o), v in by.items():
                if sys_ == s and o == op:
                    b = by.get((rep, base, op))
                    if b:
                        vals.append(v / b)
            out[(s, op)] = vals
    return out


def absolute(rows, section, key, s, op, config=None):
    return [metric(r, key) for r in rows
            if r.get("section") == section and r["system"] == s and r.get("op") == op
            and (config is None or config_of(r) == config) and metric(r, key) is not None]


def describe(config):
    jdk, _, pin = config.partition("-")
    where = ("server on CPU 1, wrk on CPU 0 (taskset)" if pin == "pinned"
             else "no pinning: the scheduler places server, wrk and PostgreSQL")
    return f"JDK {jdk[3:]}, {pin} ({where})"


def http_tables(rows, systems, base, config, lines):
    rps = ratios(rows, "http", "rps", systems, OPS, base, config)
    p50 = ratios(rows, "http", "p50_ms", systems, OPS, base, config)
    p99 = ratios(rows, "http", "p99_ms", systems, OPS, base, config)
    cpu = ratios(rows, "http", "cpu_us", systems, OPS, base, config)
    lines.append(f"## 1. HTTP CRUD on PostgreSQL: {config}\n")
    lines.append(f"Every figure in this section comes from the configuration {describe(config)}. "
                 f"Ratios are to {NAMES[base]} in the same repeat. Each cell: median over repeats "
                 "(min..max). Throughput above 1 is faster than the baseline; latency and CPU above "
                 "1 are slower. Server CPU per request (user + system time of the server process "
                 "from /proc/PID/stat across the run, divided by its requests) shows what each "
                 "stack costs even when PostgreSQL, not the server, limits throughput.\n")
    for title, table, fmt in (("Requests/s", rps, "{:.2f}"),
                              ("Server CPU time per request", cpu, "{:.2f}"),
                              ("p99 latency", p99, "{:.2f}"), ("p50 latency", p50, "{:.2f}")):
        lines.append(f"### {title} / {NAMES[base]}\n")
        lines.append("| operation | " + " | ".join(NAMES[s] for s in systems) + " |")
        lines.append("|---|" + "---|" * len(systems))
        for op in OPS:
            cells = [spread(table[(s, op)], fmt) for s in systems]
            if all(c == "n/a" for c in cells):
                continue
            lines.append(f"| {op} | " + " | ".join(cells) + " |")
        lines.append("")
    if base != "a" and "a" in systems and "b" in systems:
        mirror = ratios(rows, "http", "rps", ["b"], OPS, "a", config)
        mirror_cpu = ratios(rows, "http", "cpu_us", ["b"], OPS, "a", config)
        lines.append("### Library overhead: (b) against the mirror baseline (a), which sends the "
                     "same statements\n")
        lines.append("| operation | req/s (b)/(a) | server CPU per request (b)/(a) |")
        lines.append("|---|---|---|")
        for op in OPS:
            if mirror[("b", op)]:
                lines.append(f"| {op} | {spread(mirror[('b', op)])} | "
                             f"{spread(mirror_cpu[('b', op)])} |")
        lines.append("")
    lines.append("### Absolute figures (median over repeats)\n")
    lines.append("| operation | system | req/s | server CPU us/request | p50 ms | p99 ms "
                 "| non-2xx | socket errors |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for op in OPS:
        for s in systems:
            rs = [r for r in rows if r.get("section") == "http" and r["system"] == s
                  and r.get("op") == op and config_of(r) == config]
            if not rs:
                continue
            w = [r["wrk"] for r in rs]
            non2xx = sum(x["errors_status"] for x in w)
            sock = sum(x["errors_connect"] + x["errors_read"] + x["errors_write"]
                       + x["errors_timeout"] for x in w)
            cpu_us = [c for c in (cpu_per_request_us(r) for r in rs) if c is not None]
            cpu_cell = spread(cpu_us, "{:.0f}") if cpu_us else "n/a"
            lines.append(f"| {op} | {NAMES[s]} | {med([x['rps'] for x in w]):.0f} | {cpu_cell} | "
                         f"{med([x['p50_ms'] for x in w]):.2f} | {med([x['p99_ms'] for x in w]):.2f}"
                         f" | {non2xx} | {sock} |")
    lines.append("")
    warm = [r for r in rows if r.get("section") == "warmup" and config_of(r) == config]
    if warm:
        lines.append("### Warm-up to steady state\n")
        lines.append("Mixed runs repeated until two consecutive ones agree within 5 % in "
                     "requests/s and the minimum time has passed; `steady` counts the server "
                     "starts that got there before the maximum.\n")
        lines.append("| system | warm-up s | runs | steady | server CPU s during warm-up |")
        lines.append("|---|---|---|---|---|")
        for s in systems:
            ws = [r for r in warm if r["system"] == s]
            if ws:
                lines.append(f"| {NAMES[s]} | {spread([r['warmup_s'] for r in ws], '{:.0f}')} | "
                             f"{spread([r['warmup_runs'] for r in ws], '{:.0f}')} | "
                             f"{sum(1 for r in ws if r['steady'])}/{len(ws)} | "
                             f"{spread([r['server_cpu_ms'] / 1000 for r in ws], '{:.1f}')} |")
        lines.append("")
    return rps, p99, cpu


def pgbench_table(rows, systems, config, lines):
    pg = [r["tps"] for r in rows if r.get("section") == "pgbench"]
    if not pg:
        return
    lines.append("## 2. Physical limit: `pgbench -S` beside get-by-id\n")
    lines.append("| what | per second, median (min..max) | share of pgbench -S |")
    lines.append("|---|---|---|")
    lines.append(f"| pgbench -S (select-only, prepared) | {spread(pg, '{:.0f}')} | 1.00 |")
    for s in systems:
        g = absolute(rows, "http", "rps", s, "get", config)
        if g:
            lines.append(f"| {NAMES[s]} get-by-id over HTTP ({config}) | {spread(g, '{:.0f}')} | "
                         f"{med(g) / med(pg):.2f} |")
    lines.append("")


def startup_rss(rows, systems, config, lines):
    def pick(section, s):
        return [r for r in rows if r.get("section") == section and r["system"] == s
                and config_of(r) == config]
    st = {s: [r["ms"] for r in pick("startup", s)] for s in systems}
    rss = {s: [r["kb"] / 1024 for r in pick("rss", s)] for s in systems}
    live = {s: [r["kb"] / 1024 for r in pick("live-heap", s)] for s in systems}
    if not any(st.values()):
        return {}, {}
    lines.append(f"## 5. Startup and memory: {config}\n")
    lines.append(f"From the HTTP runs' server starts ({describe(config)}). Startup: JVM launch to "
                 "the first 200 on the readiness route (quickstart `/_health/ready`, Spring "
                 "`/actuator/health`, the others `/health`). Peak RSS: VmHWM of the server after "
                 "the mixed run. Live heap: the objects still reachable after a full GC at that "
                 "moment (`jcmd GC.class_histogram`). Same `-Xms64m -Xmx512m` for every JVM.\n")
    lines.append("| system | startup ms | peak RSS MiB | live heap MiB |")
    lines.append("|---|---|---|---|")
    for s in systems:
        if st[s]:
            lines.append(f"| {NAMES[s]} | {spread(st[s], '{:.0f}')} | {spread(rss[s], '{:.0f}')}"
                         f" | {spread(live[s], '{:.1f}')} |")
    lines.append("")
    return st, rss


def lists_table(rows, lines):
    ls = [r for r in rows if r.get("section") == "lists"]
    if not ls:
        return {}
    sizes = sorted({r["rows"] for r in ls})
    big, small = max(sizes), min(sizes)
    load = [r for r in rows if r.get("section") == "lists-load"]
    lines.append("## 7. List pages as the table grows\n")
    lines.append(f"`GET /users?limit=20&order_by=-created_at` at {small:,} and {big:,} rows, with "
                 "the default count mode (`planned`: one EXPLAIN) and `count=exact` (COUNT(*) of "
                 "every live row) beside it; JDK 25, unpinned, with `list_connections` wrk "
                 "connections (settings above). Each server warmed up on planned list pages to "
                 "steady state.")
    if load:
        lines.append(f"Loading {load[0]['rows']:,} rows took {load[0]['s']} s "
                     f"({load[0]['bytes'] / 2**30:.1f} GiB with indexes).")
    lines.append("")
    lines.append("| system | count | rows | req/s | p50 ms | p99 ms | p99 / p99 at "
                 f"{small:,} rows | non-2xx + socket errors |")
    lines.append("|---|---|---|---|---|---|---|---|")
    out = {}
    for s in [x for x in ORDER if any(r["system"] == x for r in ls)]:
        for count in ("planned", "exact"):
            for n in sizes:
                rs = [r for r in ls if r["system"] == s and r["count"] == count and r["rows"] == n]
                if not rs:
                    continue
                by_rep = {r["rep"]: r["wrk"]["p99_ms"] for r in rs}
                base = {r["rep"]: r["wrk"]["p99_ms"] for r in ls if r["system"] == s
                        and r["count"] == count and r["rows"] == small}
                rr = [by_rep[k] / base[k] for k in by_rep if base.get(k)]
                if n == big:
                    out[(s, count)] = rr
                errs = sum(r["wrk"]["errors_status"] + r["wrk"]["errors_connect"]
                           + r["wrk"]["errors_read"] + r["wrk"]["errors_write"]
                           + r["wrk"]["errors_timeout"] for r in rs)
                lines.append(f"| {NAMES[s]} | {count} | {n:,} | "
                             f"{spread([r['wrk']['rps'] for r in rs], '{:.0f}')} | "
                             f"{spread([r['wrk']['p50_ms'] for r in rs], '{:.1f}')} | "
                             f"{spread([r['wrk']['p99_ms'] for r in rs], '{:.1f}')} | "
                             f"{spread(rr) if n != small else '1'} | {errs} |")
    lines.append("")
    return out


def archive_table(rows, lines):
    st = [r for r in rows if r.get("section") == "startup-archive"]
    if not st:
        return {}
    lines.append("## 8. Quickstart start-up with a class-data archive\n")
    lines.append("JVM launch to the first 200 on `/_health/ready`, unpinned. `appcds`: a dynamic "
                 "AppCDS archive written by a training run (`-XX:ArchiveClassesAtExit`, start, a "
                 "mixed load, exit) and used with `-XX:SharedArchiveFile`; `aot` (JDK 25 only): "
                 "the AOT cache of JEP 483/514 (`-XX:AOTCacheOutput` in the training run, "
                 "`-XX:AOTCache` after), which also keeps classes linked. RSS at ready (VmRSS).\n")
    lines.append("| JDK | archive | startup ms | / without | RSS at ready MiB | archive MiB |")
    lines.append("|---|---|---|---|---|---|")
    out = {}
    for jdk in sorted({r["jdk"] for r in st}, reverse=True):
        none = {r["rep"]: r["ms"] for r in st if r["jdk"] == jdk and r["archive"] == "none"}
        for variant in ("none", "appcds", "aot"):
            rs = [r for r in st if r["jdk"] == jdk and r["archive"] == variant]
            if not rs:
                continue
            rr = [r["ms"] / none[r["rep"]] for r in rs if none.get(r["rep"])]
            out[(jdk, variant)] = [r["ms"] for r in rs]
            lines.append(f"| {jdk} | {variant} | {spread([r['ms'] for r in rs], '{:.0f}')} | "
                         f"{spread(rr)} | {spread([r['rss_kb'] / 1024 for r in rs], '{:.0f}')} | "
                         f"{rs[0]['archive_bytes'] / 2**20:.0f} |")
    lines.append("")
    return out


def profile_section(out, rows, lines):
    prof = [r for r in rows if r.get("section") == "profile"]
    if not prof:
        return
    lines.append("## 9. Profiles of get by id\n")
    lines.append("async-profiler (CPU samples, 1 ms), loaded into the running server after its "
                 "warm-up and active only while wrk sent get-by-id requests; JDK 25, unpinned. "
                 "Frames: green this project, blue the PostgreSQL driver and HikariCP, purple "
                 "Jackson, orange the web server, red the JDK, native code and the rest. The "
                 "`.top.txt` files list the hottest stacks as text.\n")
    for r in prof:
        s = r["system"]
        lines.append(f"- {NAMES[s]}: {r['wrk']['rps']:.0f} requests/s while profiled, "
                     f"{cpu_per_request_us(r):.0f} us server CPU per request")
        png = os.path.join("profile", f"get-{s}.png")
        if os.path.exists(os.path.join(out, png)):
            lines.append(f"\n  ![get by id, {NAMES[s]}]({png})\n")
    lines.append("")


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


def targets(systems, base, config, rps, p99, cpu, st, rss, lists, archive, jmh, mig, lines):
    lines.append("## Targets (issue 23)\n")
    if config:
        lines.append(f"HTTP targets are read from {config}; the others from their sections.\n")
    lines.append("| target | measured | met |")
    lines.append("|---|---|---|")

    def row(name, value, ok):
        lines.append(f"| {name} | {value} | {'yes' if ok else 'NO'} |")
    if "b" in systems and base == "i":
        for op in ("get", "create", "patch", "mixed"):
            r, p, c = rps.get(("b", op)) or [], p99.get(("b", op)) or [], cpu.get(("b", op)) or []
            if r:
                row(f"(b) {op} req/s >= 0.95x (a')", spread(r), med(r) >= 0.95)
            if p:
                row(f"(b) {op} p99 <= 1.1x (a')", spread(p), med(p) <= 1.1)
            if c:
                row(f"(b) {op} server CPU/request <= 1.1x (a')", spread(c), med(c) <= 1.1)
        for peer, goal in (("v", 0.8), ("q", 3.0)):
            b, p = rps.get(("b", "get")) or [], rps.get((peer, "get")) or []
            if b and p:
                v = med(b) / med(p)
                row(f"(b) get req/s >= {goal}x {NAMES[peer]}", f"{v:.2f}x", v >= goal)
        if rss.get("b") and rss.get("i"):
            v = med(rss["b"]) / med(rss["i"])
            row("(b) peak RSS <= 1.1x (a')", f"{v:.2f}x", v <= 1.1)
    elif not config:
        lines.append("| HTTP targets | the HTTP section did not run | n/a |")
    elif "b" in systems:
        lines.append("| generated routes (b) against (a') | not measured: (a') did not run | NO |")
    else:
        lines.append("| generated routes (b) | not measured: the quickstart was not built | NO |")
    if lists.get(("b", "planned")):
        v = lists[("b", "planned")]
        row("(b) list p99 at the large table <= 1.3x at 100k rows (planned)", spread(v),
            med(v) <= 1.3)
    best = [med(v) for (jdk, variant), v in archive.items() if jdk == 25 and variant != "none"]
    if best:
        row("quickstart start-up <= 1 s on JDK 25 with an archive", f"{min(best):.0f} ms",
            min(best) <= 1000)
    for op, v in jmh.items():
        row(f"repository {op} <= 1.15x raw JDBC", f"{v:.2f}", v <= 1.15)
    for task, v in mig.items():
        if v:
            row(f"migrations {task} not slower than Flyway", spread(v), med(v) <= 1.0)
    lines.append("")


def plots(out, rows, systems, config):
    """Two clustered bar charts: requests/s and p99 per operation per system, in one config."""
    if not any(r.get("section") == "http" and config_of(r) == config for r in rows):
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
                vals = [med(absolute(rows, "http", key, s, op, config)) or 0 for s in systems]
                if any(vals):
                    f.write(op + " " + " ".join(f"{v:.3f}" for v in vals) + "\n")
        script = "\n".join([
            "set terminal pngcairo size 1100,600 font 'sans,11'",
            f"set output '{os.path.join(out, fname)}'",
            f"set title '{label} per operation and system, {config} (log scale)'",
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
    systems = [s for s in ORDER if any(r.get("system") == s for r in rows
                                       if r.get("section") in ("http", "startup", "rss"))]
    base = "i" if "i" in systems else "a"
    configs = []
    for r in rows:
        if r.get("section") == "http" and config_of(r) not in configs:
            configs.append(config_of(r))
    # The figures the targets and plots are read from: JDK 25 unpinned when it ran.
    primary = "jdk25-unpinned" if "jdk25-unpinned" in configs else (configs[0] if configs else "")
    lines = ["# svc-infra benchmark results\n"]
    lines.append(f"Run {info.get('date_utc', '?')}; settings: {info.get('settings', '?')}.\n")
    lines.append("- Machine: " + info.get("cpu", "?") + f", {int(info.get('memory_kb', 0)) // 1024} MiB,"
                 f" kernel {info.get('kernel', '?')}")
    loads = [f"{k[5:].replace('_', ' ', 1)}: {v}" for k, v in info.items() if k.startswith("load_")]
    lines.append("- Load average (1, 5, 15 min) around each part of the run: " + "; ".join(loads))
    lines.append(f"- JDK 25: {info.get('java25', 'n/a')}; JDK 17: {info.get('java17', '?')}")
    lines.append(f"- PostgreSQL {info.get('postgres', '?')} on loopback (never pinned); "
                 f"{info.get('wrk', 'wrk')}; JVM options `{info.get('java_opts', '')}`")
    if info.get("extra_sql"):
        lines.append(f"- Experiment: after loading the data, `{info['extra_sql']}`")
    if configs:
        lines.append("- HTTP configurations, each a section of its own: "
                     + "; ".join(f"`{c}`: {describe(c)}" for c in configs)
                     + f". Targets and plots: `{primary}`.")
    lines.append("- Reproduce: `bench/run` (full) or `bench/run --quick`; method and how to read "
                 "the spread in [bench/README.md](../../README.md).\n")
    by_config = {}
    for c in configs:
        by_config[c] = http_tables(rows, systems, base, c, lines)
    if configs:
        pgbench_table(rows, systems, primary, lines)
    jmh = jmh_table(out, lines)
    mig = migrations_table(rows, lines)
    st, rss = {}, {}
    for c in configs:
        got = startup_rss(rows, systems, c, lines)
        if c == primary:
            st, rss = got
    vt_table(rows, lines)
    lists = lists_table(rows, lines)
    archive = archive_table(rows, lines)
    profile_section(out, rows, lines)
    rps, p99, cpu = by_config.get(primary, ({}, {}, {}))
    targets(systems, base, primary, rps, p99, cpu, st, rss, lists, archive, jmh, mig, lines)
    made = plots(out, rows, systems, primary) if primary else []
    if made:
        lines.append("## Plots\n")
        for m in made:
            lines.append(f"![{m}]({m})\n")
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write("\n".join(lines))
    print(os.path.join(out, "summary.md"))


if __name__ == "__main__":
    main()
