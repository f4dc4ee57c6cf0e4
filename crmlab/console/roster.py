"""学生名单：从教务系统导出的 Excel / CSV 读入 学号、姓名、班级，写入成绩库。

Class rosters as Chinese schools keep them: an .xlsx sheet or a CSV (UTF-8 or
GBK), perhaps with a title row above the header, header variants such as
``学生姓名``, ``学 号`` or ``班级名称``, and 学号 stored as numbers by Excel.

Where the roster lives:

- nbgrader's gradebook: one ``Student`` per 学号, ``last_name`` = 姓名,
  ``first_name`` = "" (how Chinese names fit nbgrader's two fields);
- ``<root>/.crmlab/roster.csv``: 学号, 姓名, 班级 (nbgrader's ``Student`` has no
  class field), UTF-8 with BOM so Excel opens it; the export and the collect
  step read it.  A new import adds to and updates this file; ``replace=True``
  starts it afresh.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .common import ConsoleError, Course

ROSTER_COLUMNS = ("学号", "姓名", "班级")

_ALIASES = {
    "学号": {"学号", "学生学号", "学籍号", "学生编号", "学员编号", "学生号", "studentid", "student_id", "id",
             "studentnumber", "学号(必填)"},
    "姓名": {"姓名", "学生姓名", "学员姓名", "名字", "学生", "name", "studentname", "fullname"},
    "班级": {"班级", "班级名称", "行政班", "行政班级", "教学班", "所在班级", "班", "class", "classname"},
}
_CONTAINS = {"学号": "学号", "姓名": "姓名", "班级": "班级"}
_BAD_ID = re.compile(r"[\\/:*?\"<>|\s]|^\.")


@dataclass
class RosterEntry:
    student: str
    name: str
    klass: str = ""


@dataclass
class RosterRead:
    """A roster file as read: entries and everything worth telling the teacher."""
    entries: list[RosterEntry] = field(default_factory=list)
    blank_rows: list[int] = field(default_factory=list)          # Excel / CSV row numbers
    duplicates: list[tuple[int, str, str]] = field(default_factory=list)   # row, 学号, 姓名 (same as before)
    conflicts: list[tuple[int, str, str, str]] = field(default_factory=list)  # row, 学号, 新姓名, 先前姓名
    no_id: list[tuple[int, str]] = field(default_factory=list)   # row, 姓名
    bad_id: list[tuple[int, str]] = field(default_factory=list)  # row, raw 学号
    no_name: list[tuple[int, str]] = field(default_factory=list)  # row, 学号 (imported with an empty name)
    columns: dict[str, str] = field(default_factory=dict)        # 学号/姓名/班级 -> header as written


def normalize_header(text) -> str:
    """``' 学 号 '`` → ``学号``; ``'姓名（必填）'`` → ``姓名``; ``'Student ID'`` → ``studentid``."""
    text = str(text or "").replace("\u3000", " ").replace("\ufeff", "")
    text = re.sub(r"[（(][^）)]*[）)]", "", text)
    return re.sub(r"[\s*＊:：]+", "", text).lower()


def _column_for(header: str) -> str | None:
    for column, aliases in _ALIASES.items():
        if header in aliases:
            return column
    for column, part in _CONTAINS.items():
        if part in header:
            return column
    return None


def clean_id(value) -> str:
    """学号 as text: ``2023001.0`` → ``'2023001'``, ``="2023001"`` → ``'2023001'``, ``'2023 001'`` → ``'2023001'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).replace("\u3000", " ").replace("\ufeff", "").strip()
    text = re.sub(r'^=\s*"(.*)"$', r"\1", text)       # Excel's ="0123" text trick in CSV files
    text = text.lstrip("'")                            # Excel's '0123 text prefix
    text = re.sub(r"\s+", "", text)
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    return text


def clean_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value).replace("\u3000", " ").replace("\ufeff", "")).strip()


def clean_name(value) -> str:
    """姓名 without inner spaces (``'张 三'`` → ``'张三'``), Latin names keep single spaces."""
    text = clean_text(value)
    if re.search(r"[\u3400-\u9fff]", text):
        text = text.replace(" ", "")
    return text


# ---------------------------------------------------------------------- reading

def _rows_xlsx(path: Path) -> list[list]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - damaged or not really an xlsx
        raise ConsoleError(f"无法打开 Excel 文件 {path.name}：{exc}",
                           f"cannot open the Excel file {path.name}: {exc}") from exc
    try:
        for ws in wb.worksheets:   # the first sheet that has a header row
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            if _find_header(rows) is not None:
                return rows
        return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)] if wb.worksheets else []
    finally:
        wb.close()


def _rows_csv(path: Path) -> list[list]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ConsoleError(f"无法识别 {path.name} 的编码（应为 UTF-8 或 GBK）。",
                           f"cannot decode {path.name} (expected UTF-8 or GBK).")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _find_header(rows: list[list]) -> tuple[int, dict[str, int]] | None:
    """(row index, {学号/姓名/班级: column index}) of the first row naming 学号 and 姓名 (title rows above skipped)."""
    for i, row in enumerate(rows[:15]):
        found: dict[str, int] = {}
        for j, cell in enumerate(row):
            column = _column_for(normalize_header(cell))
            if column and column not in found:
                found[column] = j
        if "学号" in found and "姓名" in found:
            return i, found
    return None


def read_roster(path) -> RosterRead:
    """Read a roster file (.xlsx / .xlsm / .csv / .txt); bad files raise :class:`ConsoleError`."""
    path = Path(path)
    if not path.is_file():
        raise ConsoleError(f"找不到名单文件 {path}。", f"roster file {path} not found.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _rows_xlsx(path)
    elif suffix in (".csv", ".txt", ".tsv"):
        rows = _rows_csv(path)
    elif suffix == ".xls":
        raise ConsoleError(f"{path.name} 是旧版 Excel（.xls）文件：请在 Excel / WPS 里“另存为” .xlsx 后再导入。",
                           f"{path.name} is an old .xls workbook: save it as .xlsx first.")
    else:
        raise ConsoleError(f"不支持的名单文件类型 {suffix or '（无扩展名）'}：请使用 .xlsx 或 .csv。",
                           f"unsupported roster file type {suffix or '(none)'}: use .xlsx or .csv.")
    header = _find_header(rows)
    if header is None:
        first = [clean_text(c) for c in (rows[0] if rows else []) if clean_text(c)]
        raise ConsoleError(
            f"名单 {path.name} 里找不到“学号”和“姓名”两列（第一行是：{'、'.join(first) or '空'}）。"
            "请确认表头有 学号、姓名（可选 班级）。",
            f"roster {path.name} has no 学号 (student id) and 姓名 (name) columns; first row: {first}.")
    head_row, columns = header
    result = RosterRead(columns={k: clean_text(rows[head_row][v]) for k, v in columns.items()})
    seen: dict[str, RosterEntry] = {}
    for i, row in enumerate(rows[head_row + 1:], start=head_row + 2):
        cell = lambda key: row[columns[key]] if key in columns and columns[key] < len(row) else None  # noqa: E731
        raw_id, name, klass = cell("学号"), clean_name(cell("姓名")), clean_text(cell("班级"))
        student = clean_id(raw_id)
        if not student and not name and not any(clean_text(c) for c in row):
            result.blank_rows.append(i)
            continue
        if not student:
            result.no_id.append((i, name))
            continue
        if _BAD_ID.search(student) or re.fullmatch(r"[\d.]+[eE][+-]?\d+", student) or len(student) > 64:
            result.bad_id.append((i, clean_text(raw_id)))
            continue
        if student in seen:
            before = seen[student]
            if before.name == name or not name:
                result.duplicates.append((i, student, name))
            else:
                result.conflicts.append((i, student, name, before.name))
            continue
        if not name:
            result.no_name.append((i, student))
        entry = RosterEntry(student, name, klass)
        seen[student] = entry
        result.entries.append(entry)
    if not result.entries:
        raise ConsoleError(f"名单 {path.name} 里没有可导入的学生（表头下面没有带学号的行）。",
                           f"roster {path.name} lists no student with an id below its header.")
    return result


# ---------------------------------------------------------------------- the course's roster

def roster_path(course: Course) -> Path:
    return course.state / "roster.csv"


def load_roster(course: Course) -> list[RosterEntry]:
    """The course roster: ``.crmlab/roster.csv``, else the gradebook's students (no 班级)."""
    path = roster_path(course)
    if path.is_file():
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        rows = list(csv.reader(io.StringIO(text)))
        return [RosterEntry(clean_id(r[0]), clean_name(r[1]) if len(r) > 1 else "",
                            clean_text(r[2]) if len(r) > 2 else "")
                for r in rows[1:] if r and clean_id(r[0])]
    if course.db_path.is_file():
        with course.gradebook() as gb:
            return [RosterEntry(s.id, (s.last_name or "") + (s.first_name or ""), "") for s in gb.students]
    return []


def save_roster(course: Course, entries: list[RosterEntry]) -> Path:
    path = roster_path(course)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ROSTER_COLUMNS)
    for e in entries:
        writer.writerow([e.student, e.name, e.klass])
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    tmp.replace(path)
    return path


@dataclass
class ImportResult:
    read: RosterRead
    added: int
    updated: int
    unchanged: int
    not_in_file: list[str]      # gradebook students this file does not list
    roster_file: Path


def import_roster(course: Course, path, replace: bool = False) -> ImportResult:
    """Read ``path`` and write its students to the gradebook and ``.crmlab/roster.csv``."""
    read = read_roster(path)
    added = updated = unchanged = 0
    with course.gradebook(create=True) as gb:
        existing = {s.id: s for s in gb.students}
        for e in read.entries:
            before = existing.get(e.student)
            if before is None:
                added += 1
            elif (before.last_name or "") == e.name and not before.first_name:
                unchanged += 1
            else:
                updated += 1
            if before is None or (before.last_name or "") != e.name or before.first_name:
                gb.update_or_create_student(e.student, last_name=e.name, first_name="")
        listed = {e.student for e in read.entries}
        not_in_file = sorted(s for s in existing if s not in listed)
    kept = [] if replace or not roster_path(course).is_file() else load_roster(course)
    merged = {e.student: e for e in kept}
    for e in read.entries:
        merged[e.student] = e
    roster_file = save_roster(course, list(merged.values()))
    return ImportResult(read, added, updated, unchanged, not_in_file, roster_file)


def print_import(result: ImportResult, out) -> None:
    """The teacher's summary of an import, in Chinese (English after each line)."""
    r = result.read
    cols = "、".join(f"{k}←“{v}”" for k, v in r.columns.items())
    print(f"识别的列：{cols} / columns found", file=out)
    print(f"名单共 {len(r.entries)} 名学生：新增 {result.added}，更新 {result.updated}，未变 {result.unchanged}。"
          f" / {len(r.entries)} students: {result.added} added, {result.updated} updated, "
          f"{result.unchanged} unchanged.", file=out)
    if r.blank_rows:
        print(f"空行 {len(r.blank_rows)} 行，已跳过（第 {_rows(r.blank_rows)} 行）。"
              f" / {len(r.blank_rows)} blank rows skipped.", file=out)
    if r.duplicates:
        print(f"重复的学号 {len(r.duplicates)} 行，只导入第一次出现的："
              + "；".join(f"第 {i} 行 {s} {n}" for i, s, n in r.duplicates)
              + f" / {len(r.duplicates)} duplicate rows skipped.", file=out)
    if r.conflicts:
        print(f"学号相同但姓名不同 {len(r.conflicts)} 行，请核对（已按第一次出现的导入）："
              + "；".join(f"第 {i} 行 {s} 写的是 {n}，先前是 {b}" for i, s, n, b in r.conflicts)
              + f" / {len(r.conflicts)} rows reuse an id with another name: check them.", file=out)
    if r.no_id:
        print(f"缺学号 {len(r.no_id)} 行，未导入："
              + "；".join(f"第 {i} 行 {n or '（无姓名）'}" for i, n in r.no_id)
              + f" / {len(r.no_id)} rows without an id skipped.", file=out)
    if r.bad_id:
        print(f"学号无法使用 {len(r.bad_id)} 行，未导入（含空格、斜杠等字符，或被 Excel 变成了科学计数法，"
              "请把学号列设为“文本”后重新导出）："
              + "；".join(f"第 {i} 行 “{v}”" for i, v in r.bad_id)
              + f" / {len(r.bad_id)} rows with an unusable id skipped.", file=out)
    if r.no_name:
        print(f"缺姓名 {len(r.no_name)} 行，已按学号导入：" + "、".join(s for _, s in r.no_name)
              + f" / {len(r.no_name)} students imported without a name.", file=out)
    if result.not_in_file:
        shown = "、".join(result.not_in_file[:20]) + ("……" if len(result.not_in_file) > 20 else "")
        print(f"成绩库里另有 {len(result.not_in_file)} 名学生不在这份名单上（未删除）：{shown}"
              f" / {len(result.not_in_file)} gradebook students are not in this file (kept).", file=out)
    print(f"名单已保存到 {result.roster_file}（含班级，可用 Excel 打开）。"
          f" / roster saved to {result.roster_file}.", file=out)


def _rows(numbers: list[int], limit: int = 15) -> str:
    text = "、".join(str(n) for n in numbers[:limit])
    return text + ("……" if len(numbers) > limit else "")
