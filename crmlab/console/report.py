"""班级报告：成绩分布、每个检查的通过率、最常见的错误提示——告诉老师哪里需要再讲一遍。

``make_report(course, lab)`` writes ``<root>/report/<lab>/index.html`` (one
self-contained page: the charts are embedded as PNG, and also saved beside it
as ``score_hist.png`` and ``pass_rates.png`` for slides) from

- the gradebook: each graded submission's score, and each autograded check's
  score (a check passes when it gets its full points);
- the autograded notebooks ``autograded/<学号>/<lab>/*.ipynb``: the error
  outputs of the failed checks, whose ``evalue`` holds the Chinese message the
  student saw; identical messages are counted together (the Chinese part, when
  the message is "中文 / English").
"""
from __future__ import annotations

import base64
import datetime as dt
import html
import io
import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .common import Course
from .roster import load_roster
from .scores import CellInfo, LabScores, read_lab

LOW_PASS_RATE = 0.6
TOP_MESSAGES = 3
UNANSWERED = "（没有作答，或答题单元格运行出错）"


@dataclass
class CheckStats:
    cell: CellInfo
    graded: int = 0
    passed: int = 0
    messages: Counter = field(default_factory=Counter)

    @property
    def rate(self) -> float | None:
        return self.passed / self.graded if self.graded else None

    def top(self, n: int = TOP_MESSAGES) -> list[tuple[str, int]]:
        """The most common messages; on a tie a real mistake comes before "not answered"."""
        ranked = sorted(self.messages.items(), key=lambda item: (-item[1], _unanswered(item[0])))
        return ranked[:n]


def _unanswered(message: str) -> bool:
    return UNANSWERED in message or message.startswith("还没有定义变量")


@dataclass
class ClassReport:
    lab: str
    max_score: float
    scores: dict[str, float]
    checks: list[CheckStats]
    roster_size: int
    missing: list[str]                 # roster 学号 without a graded submission
    manual_pending: int
    late: int
    problems: list[tuple[str, str]]
    names: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    charts: dict[str, Path] = field(default_factory=dict)

    def low_checks(self) -> list[CheckStats]:
        """Checks below the pass line, lowest first."""
        low = [c for c in self.checks if c.rate is not None and c.rate < LOW_PASS_RATE]
        return sorted(low, key=lambda c: c.rate)

    def weakest_checks(self, n: int = 3) -> list[CheckStats]:
        """The checks to talk about in class: those below the pass line, else the ``n`` lowest not all passed."""
        low = self.low_checks()
        if low:
            return low
        failed = [c for c in self.checks if c.rate is not None and c.rate < 1]
        return sorted(failed, key=lambda c: c.rate)[:n]


def failure_message(output: dict) -> str | None:
    """The message a failed check showed (Chinese part), from one output of an autograded test cell."""
    if output.get("output_type") != "error":
        return None
    ename = str(output.get("ename") or "")
    evalue = str(output.get("evalue") or "").strip()
    if " / " in evalue:
        evalue = evalue.split(" / ")[0].strip()
    evalue = re.sub(r"\s+", " ", evalue)[:300]
    if ename in ("AssertionError", "") and evalue:
        return evalue
    if ename == "NotRun":
        return evalue or "检查没有运行"
    undefined = re.fullmatch(r"name '(\w+)' is not defined", evalue)
    if ename == "NameError" and undefined:
        return f"变量 {undefined.group(1)} 不存在{UNANSWERED}"
    return f"{ename}: {evalue}" if evalue else ename


def notebook_failures(path: Path) -> dict[str, list[str]]:
    """``{grade_id: [messages]}`` of the error outputs in one autograded notebook (empty if unreadable)."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found: dict[str, list[str]] = {}
    for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        gid = meta.get("grade_id")
        if not gid or cell.get("cell_type") != "code":
            continue
        messages = [m for m in map(failure_message, cell.get("outputs") or []) if m]
        if messages:
            found[gid] = messages
    return found


def analyse(course: Course, lab: str) -> ClassReport:
    with course.gradebook() as gb:
        scores: LabScores = read_lab(course, gb, lab)
    checks = [CheckStats(c) for c in scores.tests]
    failures_by_student = {}
    for sid in scores.submissions:
        merged: dict[tuple[str, str], list[str]] = {}
        for nb in {c.notebook for c in scores.tests}:
            for gid, msgs in notebook_failures(course.autograded(sid, lab) / f"{nb}.ipynb").items():
                merged[(nb, gid)] = msgs
        failures_by_student[sid] = merged
    for stats in checks:
        for sid, sub in scores.submissions.items():
            grade = sub.cells.get(stats.cell.key)
            if grade is None or grade.score is None:
                continue
            stats.graded += 1
            if grade.score >= grade.max_score - 1e-9:
                stats.passed += 1
                continue
            messages = failures_by_student[sid].get(stats.cell.key) or ["（没有错误提示：检查只给了部分分数）"]
            stats.messages[messages[-1]] += 1
    roster = load_roster(course)
    missing = [e.student for e in roster if e.student not in scores.submissions]
    names = {e.student: e.name for e in roster}
    late_record = course.read_late(lab)
    late = sum(1 for sid, sub in scores.submissions.items()
               if (late_record.get(sid) or {}).get("late") or sub.seconds_late > 0)
    problems = []
    try:
        from .grade import grading_problems
    except ImportError:
        grading_problems = None
    if grading_problems is not None:
        for sid in sorted(scores.submissions):
            for problem in grading_problems(course.root, lab, sid) or []:
                problems.append((sid, str(problem)))
    return ClassReport(lab, scores.max_score, {sid: s.score for sid, s in scores.submissions.items()}, checks,
                       len(roster), missing, sum(1 for s in scores.submissions.values() if s.needs_manual),
                       late, problems, names)


# ---------------------------------------------------------------------- charts

def _figure(width: float, height: float):
    from matplotlib.figure import Figure
    return Figure(figsize=(width, height))


def _save(fig, path: Path) -> bytes:
    from crmlab.plotting import course_style, pin_cjk_font

    pin_cjk_font(fig)
    buffer = io.BytesIO()
    with course_style():
        fig.savefig(buffer, format="png")
    data = buffer.getvalue()
    path.write_bytes(data)
    return data


def score_histogram(report: ClassReport, path: Path) -> bytes:
    from crmlab.plotting import COURSE_COLORS, course_style

    with course_style():
        fig = _figure(7.0, 3.8)
        ax = fig.subplots()
        top = report.max_score or max(report.scores.values(), default=100) or 100
        step = top / 10
        edges = [step * i for i in range(11)]
        values = [min(v, top) for v in report.scores.values()]
        counts, _, bars = ax.hist(values, bins=edges, color=COURSE_COLORS[0], edgecolor="white")
        for count, bar in zip(counts, bars):
            if count:
                ax.annotate(f"{int(count)}", (bar.get_x() + bar.get_width() / 2, count), ha="center",
                            va="bottom", fontsize=9)
        ax.set_ylim(0, max(max(counts, default=0), 1) * 1.18)
        ax.set_xlim(0, top)
        if values:
            mean = statistics.fmean(values)
            ax.axvline(mean, color=COURSE_COLORS[3], linestyle="--", linewidth=1.5)
            ax.annotate(f"平均 {mean:.1f}", (mean, ax.get_ylim()[1]), ha="right", va="top",
                        color=COURSE_COLORS[3], fontsize=10, xytext=(-4, -2), textcoords="offset points")
        ax.set_xticks(edges)
        ax.set_xlabel(f"得分（满分 {top:g}）")
        ax.set_ylabel("人数")
        ax.set_title(f"{report.lab} 成绩分布（{len(values)} 人）")
        ax.yaxis.get_major_locator().set_params(integer=True)
    return _save(fig, path)


def pass_rate_chart(report: ClassReport, path: Path) -> bytes:
    from crmlab.plotting import COURSE_COLORS, course_style

    checks = [c for c in report.checks if c.rate is not None]
    with course_style():
        fig = _figure(7.0, max(2.5, 0.36 * len(checks) + 1.2))
        ax = fig.subplots()
        labels = [f"{c.cell.grade_id}（{c.cell.max_score:g} 分）" for c in checks][::-1]
        rates = [100 * c.rate for c in checks][::-1]
        colors = [COURSE_COLORS[3] if r < 100 * LOW_PASS_RATE else (COURSE_COLORS[1] if r < 80 else COURSE_COLORS[2])
                  for r in rates]
        ax.barh(labels, rates, color=colors)
        for y, r in enumerate(rates):
            ax.annotate(f"{r:.0f}%", (r, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
        ax.axvline(100 * LOW_PASS_RATE, color="#888888", linestyle=":", linewidth=1)
        ax.set_xlim(0, 108)
        ax.set_xlabel("通过率（%）：得满分的学生占已评分学生的比例")
        ax.set_title(f"{report.lab} 各检查的通过率（红色低于 {100 * LOW_PASS_RATE:.0f}%）")
        ax.grid(axis="y", visible=False)
    return _save(fig, path)


# ---------------------------------------------------------------------- page

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px auto;max-width:1000px;
color:#222;line-height:1.55;padding:0 16px}
h1{font-size:24px;margin-bottom:4px}
h2{font-size:19px;margin-top:28px;border-bottom:2px solid #1f5fa8;padding-bottom:3px}
.meta{color:#666;font-size:13px}.cards{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
.card{border:1px solid #d0d7e2;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:22px;color:#1f5fa8}.card span{font-size:13px;color:#555}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{border:1px solid #ccd;padding:5px 8px;vertical-align:top}
th{background:#dce6f1;text-align:left;white-space:nowrap}td.num{text-align:right;white-space:nowrap}
tr.low td{background:#fdecea}img{max-width:100%;width:760px;height:auto;display:block}
ol{margin:0;padding-left:20px}.count{color:#c0392b;font-weight:bold}
.focus li{margin-bottom:6px}@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}}
"""


def _e(text) -> str:
    return html.escape(str(text))


def _messages_html(stats: CheckStats) -> str:
    if not stats.messages:
        return "—"
    items = [f'<li><span class="count">{n} 人</span>：{_e(m)}</li>' for m, n in stats.top()]
    more = len(stats.messages) - TOP_MESSAGES
    tail = f"<li>另有 {more} 种提示</li>" if more > 0 else ""
    return f"<ol>{''.join(items)}{tail}</ol>"


def render_html(report: ClassReport, charts: dict[str, bytes]) -> str:
    values = list(report.scores.values())
    pass_line = 0.6 * report.max_score
    cards = [(len(values), "已评分"), (len(report.missing), "未交或未评分"),
             (f"{statistics.fmean(values):.1f}" if values else "—", f"平均分（满分 {report.max_score:g}）"),
             (f"{statistics.median(values):.1f}" if values else "—", "中位数"),
             (f"{max(values):.1f} / {min(values):.1f}" if values else "—", "最高 / 最低"),
             (sum(1 for v in values if v >= pass_line), f"及格（≥ {pass_line:g}）"),
             (report.manual_pending, "简答题待人工评分"), (report.late, "迟交")]
    parts = [f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>{_e(report.lab)} 班级报告</title>",
             f"<style>{_CSS}</style></head><body>",
             f"<h1>{_e(report.lab)} 班级报告</h1>",
             f"<p class='meta'>生成时间 {dt.datetime.now():%Y-%m-%d %H:%M} · 名单 {report.roster_size} 人 · "
             "分数来自成绩库（简答题未人工评分时不含这部分分数）</p>",
             "<div class='cards'>" + "".join(f"<div class='card'><b>{_e(v)}</b><span>{_e(t)}</span></div>"
                                             for v, t in cards) + "</div>"]
    low = report.weakest_checks()
    below = bool(report.low_checks())
    parts.append("<h2>建议重点讲解</h2>")
    if low and not below:
        parts.append(f"<p>所有检查的通过率都不低于 {100 * LOW_PASS_RATE:.0f}%；通过率最低的是：</p>")
    if low:
        parts.append("<ul class='focus'>")
        for c in low:
            top = c.top(1)
            hint = f"，最常见的提示：“{_e(top[0][0])}”（{top[0][1]} 人）" if top else ""
            parts.append(f"<li><b>{_e(c.cell.grade_id)}</b>：通过率 {100 * c.rate:.0f}%"
                         f"（{c.passed}/{c.graded}）{hint}</li>")
        parts.append("</ul>")
    else:
        parts.append("<p>所有检查全班都通过了。</p>")
    for key, title in (("score_hist", "成绩分布"), ("pass_rates", "各检查的通过率")):
        if key in charts:
            data = base64.b64encode(charts[key]).decode("ascii")
            parts.append(f"<h2>{title}</h2><img alt='{title}' src='data:image/png;base64,{data}'>")
    parts.append("<h2>各检查的情况与最常见的错误提示</h2><table><tr><th>检查</th><th>满分</th><th>通过率</th>"
                 "<th>未通过</th><th>最常见的错误提示（学生看到的原话）</th></tr>")
    for c in report.checks:
        rate = "—" if c.rate is None else f"{100 * c.rate:.0f}%"
        low_class = " class='low'" if c.rate is not None and c.rate < LOW_PASS_RATE else ""
        parts.append(f"<tr{low_class}><td>{_e(c.cell.grade_id)}</td><td class='num'>{c.cell.max_score:g}</td>"
                     f"<td class='num'>{rate}</td><td class='num'>{c.graded - c.passed}</td>"
                     f"<td>{_messages_html(c)}</td></tr>")
    parts.append("</table>")
    if report.problems:
        parts.append("<h2>评分时遇到的问题</h2><table><tr><th>学号</th><th>姓名</th><th>问题</th></tr>")
        parts += [f"<tr><td>{_e(s)}</td><td>{_e(report.names.get(s, ''))}</td><td>{_e(p)}</td></tr>"
                  for s, p in report.problems]
        parts.append("</table>")
    if report.missing:
        who = "、".join(f"{sid} {report.names.get(sid, '')}".strip() for sid in report.missing)
        parts.append(f"<h2>没有成绩的学生（{len(report.missing)} 人：未交，或已收到还没评分）</h2><p>{_e(who)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def make_report(course: Course, lab: str, output_dir=None) -> ClassReport:
    course.require_lab(lab)
    report = analyse(course, lab)
    folder = Path(output_dir) if output_dir else course.root / "report" / lab
    folder.mkdir(parents=True, exist_ok=True)
    charts = {}
    if report.scores:
        charts["score_hist"] = score_histogram(report, folder / "score_hist.png")
        report.charts["score_hist"] = folder / "score_hist.png"
    if any(c.rate is not None for c in report.checks):
        charts["pass_rates"] = pass_rate_chart(report, folder / "pass_rates.png")
        report.charts["pass_rates"] = folder / "pass_rates.png"
    report.path = folder / "index.html"
    report.path.write_text(render_html(report, charts), encoding="utf-8")
    return report


def print_report(report: ClassReport, out) -> None:
    values = list(report.scores.values())
    if values:
        print(f"{report.lab}：{len(values)} 人已评分，平均 {statistics.fmean(values):.1f} 分，中位数 "
              f"{statistics.median(values):.1f}（满分 {report.max_score:g}）；没有成绩 {len(report.missing)} 人。"
              f" / {len(values)} graded, mean {statistics.fmean(values):.1f}, median {statistics.median(values):.1f}.",
              file=out)
    else:
        print(f"{report.lab}：还没有已评分的作业。 / no graded submission yet.", file=out)
    low = report.weakest_checks()
    if low:
        if report.low_checks():
            print(f"通过率低于 {100 * LOW_PASS_RATE:.0f}% 的检查（建议重点讲解） / checks most students failed:",
                  file=out)
        else:
            print("通过率最低的检查 / the checks failed most often:", file=out)
        for c in low[:5]:
            top = c.top(1)
            hint = f"：最常见“{top[0][0][:60]}”（{top[0][1]} 人）" if top else ""
            print(f"  {c.cell.grade_id} 通过率 {100 * c.rate:.0f}%{hint}", file=out)
    if report.problems:
        print(f"评分问题 {len(report.problems)} 条，见报告。 / {len(report.problems)} grading problems listed.", file=out)
    print(f"报告：{report.path} / report written.", file=out)
