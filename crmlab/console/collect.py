"""收作业：把学习平台下载的压缩包（或文件夹）放进 nbgrader 的 submitted/ 目录。

``collect(course, lab, source)`` reads every file of a zip (nested zips one
level deep too) or a folder, works out whose notebook each is (:mod:`.names`),
and copies it to ``submitted/<学号>/<lab>/<release notebook name>`` with
nbgrader's ``timestamp.txt`` beside it, so that ``nbgrader autograde`` and the
console's engine grade it as usual.

- Zip entry names without the UTF-8 flag (0x800) are cp437 to Python: their
  bytes are re-read as UTF-8, else as GBK (GB18030), as Windows zips them.
- The submission time is the zip entry's (or file's) modification time, read
  as the local time of this computer.  ``timestamp.txt`` is written in UTC in
  nbgrader's format (``%Y-%m-%d %H:%M:%S.%f %Z``, read by
  ``CourseDirectory.get_existing_timestamp``).
- Late: a late mark in the name (迟交, 补交, late …), or a time after ``due``.
  Recorded in ``<root>/.crmlab/late/<lab>.json``; with ``due`` the assignment's
  due date is also set in the gradebook (nbgrader's own lateness then agrees).
- Two files for one student: the newest is kept, the others are reported.
- Files that are not notebooks, or notebooks that are not valid JSON, are
  listed and skipped.  Students not on the roster are listed and skipped.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .common import ConsoleError, Course
from .names import Identity, identify
from .roster import load_roster

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"   # nbgrader's Exchange.timestamp_format
_JUNK = re.compile(r"(^|/)(__MACOSX|\.ipynb_checkpoints|\.git|\.Trash[^/]*)(/|$)|(^|/)(\._[^/]*|\.DS_Store|"
                   r"Thumbs\.db|desktop\.ini|~\$[^/]*)$", re.I)


@dataclass
class Entry:
    """One file of the download."""
    path: str                  # '/'-separated, decoded, inside the download
    data: bytes
    modified: dt.datetime      # aware, local time of this computer


@dataclass
class Accepted:
    student: str
    entry: Entry
    identity: Identity
    late: bool
    reasons: list[str]
    status: str = ""           # "new" | "replaced" | "unchanged"


@dataclass
class CollectResult:
    lab: str
    notebook_name: str
    accepted: list[Accepted] = field(default_factory=list)
    duplicates: list[tuple[str, Entry, Entry]] = field(default_factory=list)  # student, kept, dropped
    off_roster: list[tuple[Entry, Identity]] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)           # path, Chinese reason
    notes: list[tuple[str, str]] = field(default_factory=list)                # path, Chinese note
    unreadable_of: dict[str, str] = field(default_factory=dict)               # 学号 -> their unreadable file
    missing: list[tuple[str, str]] = field(default_factory=list)              # 学号, 姓名
    earlier: list[str] = field(default_factory=list)  # roster students absent here but collected before
    ignored: int = 0
    due: dt.datetime | None = None


# ---------------------------------------------------------------------- reading the download

def zip_entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's real name: UTF-8 if flagged, else the raw bytes as UTF-8, else as GBK."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:     # already decoded with another encoding
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _local(naive: dt.datetime) -> dt.datetime:
    return naive.astimezone()      # naive times are this computer's local time


def read_zip(data_or_path, prefix: str = "", depth: int = 0) -> tuple[list[Entry], list[tuple[str, str]]]:
    entries, bad = [], []
    try:
        source = data_or_path if isinstance(data_or_path, (str, os.PathLike)) else io.BytesIO(data_or_path)
        with zipfile.ZipFile(source) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                name = prefix + zip_entry_name(info).replace("\\", "/")
                if info.flag_bits & 0x1:
                    bad.append((name, "压缩包里的文件设有密码，无法读取"))
                    continue
                try:
                    data = zf.read(info)
                except Exception as exc:  # noqa: BLE001 - damaged entry
                    bad.append((name, f"压缩包里的文件已损坏（{type(exc).__name__}）"))
                    continue
                modified = _local(dt.datetime(*info.date_time))
                if name.lower().endswith(".zip") and depth < 1:
                    inner, inner_bad = read_zip(data, prefix=name[:-4] + "/", depth=depth + 1)
                    entries += inner
                    bad += inner_bad
                    continue
                entries.append(Entry(name, data, modified))
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        label = prefix.rstrip("/") or str(data_or_path)
        if depth == 0:
            raise ConsoleError(f"无法打开压缩包 {label}：{exc}", f"cannot open the zip file {label}: {exc}") from exc
        bad.append((label + ".zip", "压缩包已损坏，无法打开"))
    return entries, bad


def read_folder(folder: Path) -> tuple[list[Entry], list[tuple[str, str]]]:
    entries, bad = [], []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        if _JUNK.search(rel):
            continue
        if path.suffix.lower() == ".zip":
            inner, inner_bad = read_zip(path.read_bytes(), prefix=rel[:-4] + "/", depth=1)
            entries += inner
            bad += inner_bad
            continue
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        entries.append(Entry(rel, path.read_bytes(), modified))
    return entries, bad


def read_source(source) -> tuple[list[Entry], list[tuple[str, str]]]:
    source = Path(source)
    if source.is_dir():
        return read_folder(source)
    if source.is_file():
        if zipfile.is_zipfile(source):
            return read_zip(source)
        if source.suffix.lower() in (".rar", ".7z"):
            raise ConsoleError(f"{source.name} 是 {source.suffix} 压缩包：请先解压，再收取解压后的文件夹。",
                               f"{source.name} is a {source.suffix} archive: extract it and collect the folder.")
        if source.suffix.lower() == ".ipynb":
            modified = dt.datetime.fromtimestamp(source.stat().st_mtime).astimezone()
            return [Entry(source.name, source.read_bytes(), modified)], []
        raise ConsoleError(f"{source.name} 不是 zip 压缩包，也不是文件夹。",
                           f"{source.name} is neither a zip file nor a folder.")
    raise ConsoleError(f"找不到 {source}。", f"{source} not found.")


def notebook_problem(data: bytes) -> str | None:
    """Why ``data`` is not a readable notebook (Chinese), or None."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = None
    for encoding in ("utf-8", "utf-16", "gb18030"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        return "无法识别文件编码"
    if not text.strip():
        return "文件是空的"
    try:
        nb = json.loads(text)
    except ValueError:
        return "文件内容不是有效的 JSON（笔记本已损坏或被截断）"
    if not isinstance(nb, dict) or not (isinstance(nb.get("cells"), list) or isinstance(nb.get("worksheets"), list)):
        return "JSON 里没有笔记本的单元格（cells），不是 Jupyter 笔记本"
    return None


def parse_due(text: str | None) -> dt.datetime | None:
    """``"2026-12-01 18:00"`` (or ``2026/12/01``, a date alone = 23:59:59) as an aware local time."""
    if not text:
        return None
    cleaned = text.strip().replace("/", "-").replace("T", " ")
    cleaned = re.sub(r"(\d)年(\d)", r"\1-\2", cleaned)
    cleaned = re.sub(r"(\d)月(\d)", r"\1-\2", cleaned).replace("日", " ").strip()
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            value = dt.datetime.strptime(re.sub(r"\s+", " ", cleaned), fmt)
        except ValueError:
            continue
        if fmt == "%Y-%m-%d":
            value = value.replace(hour=23, minute=59, second=59)
        return value.astimezone()
    raise ConsoleError(f"截止时间“{text}”的格式不对，应写成 2026-12-01 18:00。",
                       f"cannot read the due time {text!r}; write it as 2026-12-01 18:00.")


def nbgrader_timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime(TIMESTAMP_FORMAT)


# ---------------------------------------------------------------------- collecting

def _target_name(release: list[Path], relpath: str) -> str | None:
    if len(release) == 1:
        return release[0].name
    stem = Path(relpath).stem.lower()
    hits = [p.name for p in release if p.stem.lower() in stem]
    return hits[0] if len(hits) == 1 else None


def collect(course: Course, lab: str, source, due: str | None = None) -> CollectResult:
    release = course.require_lab(lab)
    roster = load_roster(course)
    if not roster:
        raise ConsoleError("还没有学生名单：请先运行 crmlab-grade roster 学生名单.xlsx。",
                           "no roster yet: run `crmlab-grade roster <file>` first.")
    ids = {e.student: e.name for e in roster}
    due_at = parse_due(due)
    entries, bad = read_source(source)
    result = CollectResult(lab, release[0].name, unreadable=list(bad), due=due_at)

    chosen: dict[str, tuple[Entry, Identity, str]] = {}
    for entry in entries:
        if _JUNK.search(entry.path):
            result.ignored += 1
            continue
        if not entry.path.lower().endswith(".ipynb"):
            suffix = Path(entry.path).suffix or "无扩展名"
            result.unreadable.append((entry.path, f"不是 Jupyter 笔记本（{suffix} 文件）"))
            continue
        problem = notebook_problem(entry.data)
        who = identify(entry.path, ids)
        if problem:
            result.unreadable.append((entry.path, problem))
            if who.student:
                result.unreadable_of.setdefault(who.student, entry.path)
            continue
        if who.student is None:
            result.off_roster.append((entry, who))
            continue
        if who.note:
            result.notes.append((entry.path, who.note))
        target = _target_name(release, entry.path)
        if target is None:
            result.unreadable.append((entry.path, "分不清是本实训的哪一本笔记本"))
            continue
        mentioned = set(re.findall(r"lab\d+", entry.path.lower())) - {lab.lower()}
        if mentioned:
            result.notes.append((entry.path, f"文件名提到 {'、'.join(sorted(mentioned))}，"
                                             f"可能交错了实训，仍按 {lab} 收取，请核对。"))
        previous = chosen.get(who.student)
        if previous is None:
            chosen[who.student] = (entry, who, target)
        elif entry.modified > previous[0].modified:
            result.duplicates.append((who.student, entry, previous[0]))
            chosen[who.student] = (entry, who, target)
        else:
            result.duplicates.append((who.student, previous[0], entry))

    late_record = course.read_late(lab)
    for student, (entry, who, target) in sorted(chosen.items()):
        reasons = []
        if who.late:
            reasons.append("文件名标有迟交")
        if due_at and entry.modified > due_at:
            reasons.append(f"提交时间 {entry.modified:%Y-%m-%d %H:%M} 晚于截止时间 {due_at:%Y-%m-%d %H:%M}")
        accepted = Accepted(student, entry, who, bool(reasons), reasons)
        accepted.status = _write_submission(course, lab, student, target, entry)
        result.accepted.append(accepted)
        late_record[student] = {"late": accepted.late, "reasons": reasons, "file": entry.path,
                                "submitted": entry.modified.isoformat(timespec="seconds")}

    _save_late(course, lab, late_record, due_at)
    if due_at:
        with course.gradebook(create=True) as gb:
            gb.update_or_create_assignment(lab, duedate=due_at.astimezone(dt.timezone.utc).replace(tzinfo=None))
    for e in roster:
        if e.student in chosen:
            continue
        if course.submitted(e.student, lab).is_dir():
            result.earlier.append(e.student)
        else:
            result.missing.append((e.student, e.name))
    return result


def _write_submission(course: Course, lab: str, student: str, target: str, entry: Entry) -> str:
    folder = course.submitted(student, lab)
    path = folder / target
    stamp = folder / "timestamp.txt"
    text = nbgrader_timestamp(entry.modified)
    if path.is_file() and path.read_bytes() == entry.data and stamp.is_file() \
            and stamp.read_text(encoding="utf-8").strip() == text:
        return "unchanged"
    status = "replaced" if folder.is_dir() else "new"
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{target}.part"
    tmp.write_bytes(entry.data)
    tmp.replace(path)
    stamp.write_text(text + "\n", encoding="utf-8")
    moment = entry.modified.timestamp()
    os.utime(path, (moment, moment))
    return status


def _save_late(course: Course, lab: str, students: dict, due_at) -> None:
    path = course.late_file(lab)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    old_due = old.get("due") if isinstance(old, dict) else None
    data = {"lab": lab, "due": due_at.isoformat(timespec="minutes") if due_at else old_due,
            "students": dict(sorted(students.items()))}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


# ---------------------------------------------------------------------- the teacher's summary

def print_collect(result: CollectResult, roster_names: dict[str, str], out) -> None:
    lab = result.lab
    counts = {s: sum(1 for a in result.accepted if a.status == s) for s in ("new", "replaced", "unchanged")}
    late = [a for a in result.accepted if a.late]
    print(f"{lab}：收到 {len(result.accepted)} 名学生的作业（新收 {counts['new']}，更新 {counts['replaced']}，"
          f"未变 {counts['unchanged']}），已放入 submitted/<学号>/{lab}/{result.notebook_name}。"
          f" / {len(result.accepted)} submissions collected ({counts['new']} new, {counts['replaced']} updated, "
          f"{counts['unchanged']} unchanged).", file=out)
    if late:
        print(f"迟交 {len(late)} 人 / {len(late)} late:", file=out)
        for a in late:
            print(f"  {a.student} {roster_names.get(a.student, '')}：{'；'.join(a.reasons)}", file=out)
    if result.missing:
        print(f"未交 {len(result.missing)} 人（名单上有、没有收到文件） / {len(result.missing)} on the roster "
              "handed nothing in:", file=out)
        for sid, name in result.missing:
            why = f"（交了 {result.unreadable_of[sid]}，但文件无法读取）" if sid in result.unreadable_of else ""
            print(f"  {sid} {name}{why}", file=out)
    if result.earlier:
        print(f"另有 {len(result.earlier)} 人这次没有文件，但之前已收过（保留原来的提交）：{'、'.join(result.earlier)}"
              f" / {len(result.earlier)} have an earlier submission (kept).", file=out)
    if result.off_roster:
        print(f"不在名单上的文件 {len(result.off_roster)} 个，未收取（把学生加入名单后重新收取即可）"
              f" / {len(result.off_roster)} files of students not on the roster, skipped:", file=out)
        for entry, who in result.off_roster:
            seen = " ".join(x for x in (who.seen_id, who.seen_name) if x)
            print(f"  {entry.path}{'（' + seen + '）' if seen else ''}：{who.note}", file=out)
    if result.duplicates:
        print(f"同一学生有多个文件 {len(result.duplicates)} 处，保留最新的 / {len(result.duplicates)} duplicates, "
              "the newest kept:", file=out)
        for sid, kept, dropped in result.duplicates:
            print(f"  {sid} {roster_names.get(sid, '')}：保留 {kept.path}（{kept.modified:%m-%d %H:%M}），"
                  f"舍弃 {dropped.path}（{dropped.modified:%m-%d %H:%M}）", file=out)
    if result.unreadable:
        print(f"无法收取的文件 {len(result.unreadable)} 个，已跳过 / {len(result.unreadable)} unreadable files "
              "skipped:", file=out)
        for path, reason in result.unreadable:
            print(f"  {path}：{reason}", file=out)
    if result.notes:
        print("请核对 / please check:", file=out)
        for path, note in result.notes:
            print(f"  {path}：{note}", file=out)
    if result.due:
        print(f"截止时间 {result.due:%Y-%m-%d %H:%M}（本机时区）已写入成绩库。 / due date stored in the gradebook.",
              file=out)
