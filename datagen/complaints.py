"""客户投诉记录 (complaint log of a home-appliance company's service centre, lab07).

600 complaints received in 2023 through five channels, handled by six staff.
Each case walks the procedure 受理 → 调查 → 处理 → 回访 → 结案; an unsatisfied
customer at 回访 sends it back to 处理 (escalation).  Standards: first
response within 24 h, 回访 within 2 days of handling, 回访率 >= 90 %.

Working hours: the service centre (and its installers) work 8:00-21:00 every
day, so every staff step -- first response, end of handling, 回访 call,
escalation, 结案 -- falls in that window.  Complaints arrive by channel:
the hotline and the shops only in their opening hours, 12315 transfers in
office hours, WeChat and web messages at any time (a night message is
answered the next morning).  Durations are counted in working hours.

Planted: handler 刘洋 often responds late (about 35 % of his cases after
24 h); category 送货安装 often gets no 回访 (about 30 % missing).
Other handlers are late in about 1 % of cases, other categories miss 回访 in
about 0.5 %, and 3 % of all 回访 calls come after the 2-day limit.  The last
cases of December are still open.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

# Among the seeds tried (20240503-20240562) this one leaves only the planted handler and
# category below the standards at handler and category level, so the lab has one clear answer.
SEED = 20240507
N_CASES = 600
CHANNELS = {"客服热线": 0.45, "微信公众号": 0.25, "官网留言": 0.1, "门店": 0.12, "12315转办": 0.08}
# When each channel can bring a complaint in: (first minute, last minute) of the day.
CHANNEL_HOURS = {"客服热线": (8 * 60, 21 * 60 - 1), "门店": (9 * 60, 21 * 60 - 1),
                 "12315转办": (9 * 60, 17 * 60 + 30)}
ONLINE_CHANNELS = ("微信公众号", "官网留言")
CATEGORIES = {"产品质量": 0.3, "送货安装": 0.22, "维修服务": 0.2, "收费争议": 0.1, "服务态度": 0.1,
              "退换货": 0.08}
HANDLERS = ["张敏", "李强", "王芳", "刘洋", "陈静", "赵磊"]
LATE_HANDLER = "刘洋"
NO_FOLLOWUP_CATEGORY = "送货安装"
WORK_START, WORK_END = 8, 21          # the service centre's working day, 8:00-21:00
DATA_END = pd.Timestamp("2023-12-31 23:59")


def _choice(rng, weights: dict, n):
    keys = list(weights)
    return np.asarray(keys, dtype=object)[rng.choice(len(keys), n, p=np.array(list(weights.values())))]


def _fmt(t: pd.Timestamp) -> str:
    return t.strftime("%Y-%m-%d %H:%M")


def _minute(t: pd.Timestamp) -> pd.Timestamp:
    return t.floor("min")


def _in_hours(t: pd.Timestamp) -> bool:
    return WORK_START <= t.hour < WORK_END


def _next_open(t: pd.Timestamp, rng) -> pd.Timestamp:
    """``t`` if the centre is working then, otherwise early in the next working morning."""
    if _in_hours(t):
        return t
    day = t.normalize() + (pd.Timedelta(days=1) if t.hour >= WORK_END else pd.Timedelta(0))
    return day + pd.Timedelta(hours=WORK_START) + pd.Timedelta(minutes=int(rng.integers(0, 75)))


def _add_work_hours(t: pd.Timestamp, hours: float) -> pd.Timestamp:
    """``t`` (in working hours) moved on by ``hours`` of working time (8:00-21:00 every day)."""
    left = pd.Timedelta(hours=hours)
    while True:
        close = t.normalize() + pd.Timedelta(hours=WORK_END)
        if t + left < close:
            return t + left
        left -= close - t
        t = t.normalize() + pd.Timedelta(days=1, hours=WORK_START)


def _received(rng, channel: str, day: int) -> pd.Timestamp:
    date = pd.Timestamp("2023-01-01") + pd.Timedelta(days=day)
    if channel in ONLINE_CHANNELS:
        # messages come in around the clock, most in the daytime and evening
        hour = rng.choice(24, p=_ONLINE_HOUR_WEIGHTS)
        return date + pd.Timedelta(hours=int(hour), minutes=int(rng.integers(0, 60)))
    first, last = CHANNEL_HOURS[channel]
    return date + pd.Timedelta(minutes=int(rng.integers(first, last + 1)))


_ONLINE_HOUR_WEIGHTS = np.array([2, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 4, 5, 6, 6,
                                 6, 6, 6, 6, 6, 6, 6, 7, 8, 8, 7, 4], dtype=float)
_ONLINE_HOUR_WEIGHTS /= _ONLINE_HOUR_WEIGHTS.sum()


def build(seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    day = rng.integers(0, 365, N_CASES)
    channel = _choice(rng, CHANNELS, N_CASES)
    category = _choice(rng, CATEGORIES, N_CASES)
    handler = np.asarray(HANDLERS, dtype=object)[rng.integers(0, len(HANDLERS), N_CASES)]
    received = [_received(rng, c, int(d)) for c, d in zip(channel, day)]
    order = sorted(range(N_CASES), key=lambda i: received[i])
    rows = []
    for number, i in enumerate(order, start=1):
        t0 = received[i]
        late = rng.random() < (0.35 if handler[i] == LATE_HANDLER else 0.01)
        start = _next_open(t0, rng)
        if late:   # forgotten for a day or more: 25-72 h later, then at the next working moment
            t = _next_open(t0 + pd.Timedelta(hours=float(rng.uniform(25, 72))), rng)
        else:      # a few working hours, always within the 24-hour standard
            t = _add_work_hours(start, min(float(rng.gamma(2.0, 1.5)), 10.0))
            if t - t0 > pd.Timedelta(hours=23.5):
                t = t0 + pd.Timedelta(hours=float(rng.uniform(20, 23.5)))
                t = t if _in_hours(t) else _add_work_hours(start, 0.5)
        t = _minute(t)
        history = [("受理", t0), ("调查", t)]
        t = _minute(_add_work_hours(t, float(rng.gamma(2.0, 5.0))))
        history.append(("处理", t))
        t = _minute(_add_work_hours(t, float(rng.gamma(2.0, 8.0))))
        calls = []  # (time of the 回访 call, satisfaction score or None when unhappy)
        escalations = 0
        skip_followup = rng.random() < (0.3 if category[i] == NO_FOLLOWUP_CATEGORY else 0.005)
        while True:
            history.append(("回访", t))
            if skip_followup:  # closed without calling the customer back
                history.append(("结案", _minute(_add_work_hours(t, 1.0))))
                break
            if rng.random() < 0.97:   # within the 2-day limit: up to 20 working hours
                call = _add_work_hours(t, float(rng.uniform(1.5, 20)))
            else:                     # too late: 50-120 hours, at the next working moment
                call = _next_open(t + pd.Timedelta(hours=float(rng.uniform(50, 120))), rng)
            call = _minute(call)
            if rng.random() < (0.12 if escalations == 0 else 0.03) and escalations < 2:
                calls.append((call, None))
                escalations += 1
                history.append(("处理", call))
                t = _minute(_add_work_hours(call, float(rng.gamma(2.0, 6.0))))
                continue
            score = (int(rng.choice([3, 4, 5], p=[0.15, 0.45, 0.4])) if escalations == 0 else
                     int(rng.choice([2, 3, 4, 5], p=[0.15, 0.35, 0.35, 0.15])))
            calls.append((call, score))
            history.append(("结案", _minute(_add_work_hours(call, int(rng.integers(5, 60)) / 60))))
            break
        # The log is exported at DATA_END: later events have not happened yet.
        history = [(state, when) for state, when in history if when <= DATA_END]
        calls = [(when, score) for when, score in calls if when <= DATA_END]
        visits = [when for state, when in history if state == "回访"]
        # the 回访 that ended the last round of handling (none if still open or skipped)
        handled = history[-1][0] in ("回访", "结案")
        last_call = calls[-1] if handled and calls and calls[-1][0] >= visits[-1] else None
        rows.append({
            "投诉编号": f"TS2023{number:04d}", "客户编号": f"KH{rng.integers(10000, 99999)}",
            "受理时间": _fmt(t0), "渠道": channel[i], "投诉类别": category[i], "处理人": handler[i],
            "首次响应时间": _fmt(history[1][1]) if len(history) > 1 else "",
            # 处理完成时间: the last entry into 回访, i.e. the end of the final round of handling
            "处理完成时间": _fmt(visits[-1]) if handled else "",
            "当前状态": history[-1][0],
            "升级次数": sum(1 for state, _ in history[3:] if state == "处理"),
            "是否回访": "是" if last_call else "否",
            "回访时间": _fmt(last_call[0]) if last_call else "",
            "回访满意度": last_call[1] if last_call and last_call[1] is not None else "",
            "状态记录": " > ".join(f"{state} {_fmt(when)}" for state, when in history),
        })
    return pd.DataFrame(rows)


def write(data_dir: Path) -> list[Path]:
    path = data_dir / "complaints.csv"
    build().to_csv(path, index=False, encoding="utf-8")
    return [path]
