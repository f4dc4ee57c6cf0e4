"""What the grader tells students and instructors, Chinese first, then English."""
from __future__ import annotations


def kernel_died() -> str:
    return ("评分时内核在这个单元格停止了（可能调用了 exit()、程序崩溃或内存不足）。"
            "这之前各检查的得分保留；之后的单元格没有运行，其中的检查得 0 分。"
            " / The kernel stopped in this cell during grading (exit(), a crash or out of memory):"
            " checks before it keep their points, later ones score 0.")


def hard_timeout(seconds: int) -> str:
    return (f"这个单元格运行超过 {seconds} 秒，中断后仍没有停下，评分在这里结束。"
            "这之前各检查的得分保留；之后的单元格没有运行，其中的检查得 0 分。请检查是否有死循环或过大的计算。"
            f" / This cell ran past {seconds} s and did not stop when interrupted; grading stopped here:"
            " checks before it keep their points, later ones score 0.")


def soft_timeout(seconds: int) -> str:
    return (f"这个单元格运行超过 {seconds} 秒，已被中断，评分继续进行后面的单元格。"
            f" / This cell ran past {seconds} s and was interrupted; grading went on.")


def notebook_timeout(seconds: int) -> str:
    return (f"整本笔记本的评分超过了 {seconds} 秒，在这里停止。之后的检查得 0 分。"
            f" / Grading the notebook took more than {seconds} s and stopped here.")


def no_kernel() -> str:
    return ("评分时无法启动 Python 内核，所有检查都没有运行。请联系老师。"
            " / No Python kernel could be started for grading; no check ran. Please tell your teacher.")


def not_run(stop: dict | None) -> str:
    where = ""
    if stop and isinstance(stop.get("index"), int):
        where = f"第 {stop['index'] + 1} 个单元格"
    reason = {"died": "内核停止", "hard-timeout": "运行超时", "timeout": "运行超时",
              "notebook-timeout": "整本笔记本运行超时", "no-kernel": "无法启动内核"}.get(
        (stop or {}).get("event"), "内核停止")
    return (f"这个检查没有运行：评分在{where or '前面'}因{reason}而停止，得 0 分。"
            f" / This check did not run: grading stopped earlier ({(stop or {}).get('event', 'stopped')}).")
