"""Tests of crmlab.service: complaint metrics, the complaint state machine, IVR menus."""
import numpy as np
import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab import service as sv

# Four hand-made complaints; times in hours after 2024-03-01 08:00 are noted.
LOG = pd.DataFrame({
    "投诉编号": ["T1", "T2", "T3", "T4"],
    "处理人": ["甲", "甲", "乙", "乙"],
    "受理时间": ["2024-03-01 08:00", "2024-03-01 08:00", "2024-03-01 08:00", "2024-03-05 09:00"],
    "首次响应时间": ["2024-03-01 10:00", "2024-03-02 14:00", "2024-03-01 12:00", ""],
    "处理完成时间": ["2024-03-02 08:00", "2024-03-03 08:00", "2024-03-01 20:00", ""],
    "回访时间": ["2024-03-03 08:00", "", "2024-03-05 08:00", ""],
    "回访满意度": [5, None, 3, None],
    "当前状态": ["结案", "结案", "结案", "受理"],
})
# T1: response 2 h, resolved 24 h, 回访 24 h after handling, score 5.
# T2: response 30 h (late), resolved 48 h, no 回访 although due since 03-05 08:00.
# T3: response 4 h, resolved 12 h, 回访 84 h after handling (late, > 48 h), score 3.
# T4: received 03-05 09:00, no response; the log's latest time is 03-05 09:00 -> not late yet.


def test_case_flags_by_hand():
    flags = sv.complaint_case_flags(LOG)
    assert flags["response_hours"].tolist()[:3] == [2.0, 30.0, 4.0]
    assert np.isnan(flags["response_hours"].iloc[3])
    assert flags["late_response"].tolist() == [False, True, False, False]
    assert flags["resolution_hours"].tolist()[:3] == [24.0, 48.0, 12.0]
    assert flags["followed_up"].tolist() == [True, False, True, False]
    assert flags["followup_due"].tolist() == [True, True, True, False]
    assert flags["missing_followup"].tolist() == [False, True, False, False]
    assert flags["late_followup"].tolist() == [False, False, True, False]
    assert flags["satisfied"].tolist() == [True, False, False, False]
    # One day later T4 has waited 24 h + without a response: now it is late.
    later = sv.complaint_case_flags(LOG, as_of="2024-03-06 10:00")
    assert later["late_response"].tolist() == [False, True, False, True]
    # Earlier, T2's 回访 was not owed yet: handled 03-03 08:00, 2 days allowed.
    earlier = sv.complaint_case_flags(LOG, as_of="2024-03-04 08:00")
    assert earlier["followup_due"].tolist() == [True, False, True, False]
    assert earlier["missing_followup"].tolist() == [False, False, False, False]


def test_complaint_metrics_by_hand():
    overall = sv.complaint_metrics(LOG).iloc[0]
    assert overall["complaints"] == 4
    assert overall["response_hours_mean"] == pytest.approx((2 + 30 + 4) / 3)
    assert overall["response_on_time_rate"] == pytest.approx(3 / 4)
    assert overall["resolution_hours_mean"] == pytest.approx((24 + 48 + 12) / 3)
    assert overall["resolution_hours_median"] == pytest.approx(24)
    assert overall["closure_rate"] == pytest.approx(3 / 4)
    assert overall["followup_rate"] == pytest.approx(2 / 3)          # 2 回访 of 3 owed
    assert overall["followup_on_time_rate"] == pytest.approx(1 / 2)  # T1 on time, T3 late
    assert overall["satisfaction_mean"] == pytest.approx(4.0)
    assert overall["satisfied_rate"] == pytest.approx(0.5)
    assert overall["missed_standards"] == "响应超时、回访率不足、回访不及时"
    assert not overall["meets_standards"]

    by_handler = sv.complaint_metrics(LOG, by="处理人")
    # 甲: T1, T2 -> on time 1/2, 回访率 1/2.  乙: T3, T4 -> on time 2/2, 回访率 1/1, 及时 0/1.
    assert by_handler.loc["甲", "response_on_time_rate"] == pytest.approx(0.5)
    assert by_handler.loc["甲", "followup_rate"] == pytest.approx(0.5)
    assert by_handler.loc["乙", "response_on_time_rate"] == pytest.approx(1.0)
    assert by_handler.loc["乙", "followup_on_time_rate"] == pytest.approx(0.0)
    assert by_handler.loc["甲", "missed_standards"] == "响应超时、回访率不足"
    assert by_handler.loc["乙", "missed_standards"] == "回访不及时"
    relaxed = sv.complaint_metrics(LOG, by="处理人", followup_days=4)
    assert relaxed.loc["乙", "missed_standards"] == ""
    assert relaxed.loc["乙", "meets_standards"]
    assert "投诉数" in sv.complaint_metrics(LOG).rename(columns=sv.METRIC_NAMES_ZH).columns


@pytest.mark.parametrize("mutate, argument", [
    (lambda t: t.drop(columns="回访时间"), "log"),
    (lambda t: t.iloc[0:0], "log"),
    (lambda t: t.assign(受理时间=["昨天"] + list(t["受理时间"][1:])), "受理时间"),
    (lambda t: t.assign(首次响应时间=["2024-02-01 08:00"] + list(t["首次响应时间"][1:])), "首次响应时间"),
    (lambda t: t.assign(回访满意度=[9, None, 3, None]), "回访满意度"),
    (lambda t: t.assign(回访满意度=["很好", None, 3, None]), "回访满意度"),
    (lambda t: t.assign(处理完成时间=[""] + list(t["处理完成时间"][1:])), "回访时间"),
])
def test_complaint_metrics_bad_input(mutate, argument):
    with pytest.raises(CRMLabInputError) as error:
        sv.complaint_metrics(mutate(LOG))
    assert error.value.argument == argument


def test_complaint_metrics_bad_parameters():
    with pytest.raises(CRMLabInputError):
        sv.complaint_metrics(LOG, response_target=1.5)
    with pytest.raises(CRMLabInputError):
        sv.complaint_metrics(LOG, response_hours=0)
    with pytest.raises(CRMLabInputError):
        sv.complaint_metrics(LOG, by="部门")
    with pytest.raises(CRMLabInputError):
        sv.complaint_metrics(LOG, columns={"nonsense": "x"})


# ---------------------------------------------------------------- state machine

PATH_TO = {  # actions that bring a new case to each state
    "受理": [], "调查": ["investigate"], "处理": ["investigate", "handle"],
    "回访": ["investigate", "handle", "follow_up"],
    "结案": ["investigate", "handle", "follow_up", "close"],
}
ALLOWED = {("受理", "investigate"): "调查", ("调查", "handle"): "处理",
           ("处理", "follow_up"): "回访", ("回访", "close"): "结案", ("回访", "escalate"): "处理"}


def case_in(state):
    case = sv.ComplaintCase("T", "2024-01-01 09:00")
    for i, action in enumerate(PATH_TO[state]):
        case.apply(action, f"2024-01-0{i + 2} 09:00")
    assert case.state == state
    return case


@pytest.mark.parametrize("state", sv.CASE_STATES)
@pytest.mark.parametrize("action", list(sv.CASE_ACTIONS))
def test_every_state_action_pair(state, action):
    case = case_in(state)
    before = case.history
    if (state, action) in ALLOWED:
        case.apply(action, "2024-02-01 09:00")
        assert case.state == ALLOWED[(state, action)]
        assert len(case.history) == len(before) + 1
    else:
        with pytest.raises(CRMLabInputError) as error:
            case.apply(action, "2024-02-01 09:00")
        message = str(error.value)
        assert state in message and action in message and "/" in message
        assert case.state == state
        pd.testing.assert_frame_equal(case.history, before)


def test_escalation_and_full_history():
    case = sv.ComplaintCase("T9", "2024-05-01 09:00", note="空调不制冷")
    case.investigate("2024-05-01 10:00").handle("2024-05-02 09:00").follow_up("2024-05-03 09:00")
    case.record_follow_up_result(False, "2024-05-03 10:00", note="客户仍不满意")
    assert case.state == "处理" and case.escalation_level == 1
    case.follow_up("2024-05-04 09:00").escalate("2024-05-04 10:00")
    assert case.escalation_level == 2
    case.apply("回访", "2024-05-05 09:00").apply("结案", "2024-05-05 10:00")  # Chinese aliases
    assert case.is_closed and case.allowed_actions() == []
    history = case.history
    assert history["to_state"].tolist() == ["受理", "调查", "处理", "回访", "处理", "回访", "处理",
                                            "回访", "结案"]
    assert history["escalation_level"].tolist() == [0, 0, 0, 0, 1, 1, 2, 2, 2]
    assert history["at"].is_monotonic_increasing
    assert history.loc[4, "note"] == "客户仍不满意"


def test_case_rejects_bad_times_and_unknown_actions():
    case = sv.ComplaintCase("T", "2024-01-02 09:00")
    with pytest.raises(CRMLabInputError, match="at"):
        case.investigate("2024-01-01 09:00")   # earlier than 受理
    with pytest.raises(CRMLabInputError, match="at"):
        case.investigate("not a time")
    with pytest.raises(CRMLabInputError, match="action"):
        case.apply("dance")
    assert case.state == "受理" and len(case.history) == 1


def test_a_refused_step_names_the_state_and_its_time():
    """The history never records a refused step, so its error says when it was tried."""
    case = sv.ComplaintCase("T", "2024-03-04 09:10").investigate("2024-03-04 11:30")
    with pytest.raises(CRMLabInputError, match=r"“调查”阶段，不能在 2024-03-04 12:00 执行.*（close）"):
        case.close("2024-03-04 12:00")
    with pytest.raises(CRMLabInputError, match=r"“调查”阶段，不能执行.*（close）"):
        case.close()
    assert case.state == "调查" and len(case.history) == 2


def test_replaying_a_recorded_history():
    text = "受理 2024-01-01 09:00 > 调查 2024-01-01 10:00 > 处理 2024-01-02 09:00 > " \
           "回访 2024-01-03 09:00 > 处理 2024-01-03 12:00 > 回访 2024-01-04 09:00 > 结案 2024-01-04 10:00"
    case = sv.ComplaintCase.from_states(sv.parse_status_history(text))
    assert case.is_closed and case.escalation_level == 1
    with pytest.raises(CRMLabInputError):
        sv.ComplaintCase.from_states(sv.parse_status_history("受理 2024-01-01 09:00 > 结案 2024-01-02 09:00"))
    with pytest.raises(CRMLabInputError):
        sv.parse_status_history("受理 2024-01-01 09:00 > 完成 2024-01-02 09:00")


# ---------------------------------------------------------------- IVR

def ticket_menu():
    return sv.IVRMenu.from_dict({
        "prompt": "欢迎拨打A票务公司票务热线",
        "options": {
            "1": {"label": "班次查询", "action": "查询班次"},
            "2": {"label": "订票业务", "options": {
                "1": {"label": "汽车票", "action": "转订票坐席"},
                "2": {"label": "火车票", "action": "转火车票坐席"},
                "*": sv.IVRMenu.BACK, "#": sv.IVRMenu.REPEAT}},
            "0": {"label": "人工服务", "action": "转人工坐席"},
        }})


def kinds(menu):
    return {problem.kind for problem in menu.validate()}


def test_valid_menu_has_no_problems_and_speaks_prompts():
    menu = ticket_menu()
    assert menu.validate() == []
    assert menu.prompt("root") == "欢迎拨打A票务公司票务热线，班次查询请按1，订票业务请按2，人工服务请按0。"
    assert menu.prompt("2") == "订票业务，汽车票请按1，火车票请按2，返回上一级请按*，重听请按#。"
    assert menu.prompt("1") == "正在为您查询班次，请稍候。"
    prompts = menu.prompts()
    assert prompts["node"].tolist() == ["root", "1", "2", "2-1", "2-2", "0"]
    assert prompts["depth"].tolist() == [0, 1, 1, 2, 2, 1]
    text = str(menu)
    assert "[2] 订票业务" in text and "    [1] 汽车票 → 转订票坐席" in text


def test_simulate_a_key_sequence():
    steps = ticket_menu().simulate("29#*21")
    assert steps["node"].tolist() == ["root", "2", "2", "2", "root", "2", "2-1"]
    assert steps["outcome"].tolist() == ["进入菜单", "进入菜单", "按键无效，请重新输入", "重听",
                                         "返回上一级", "进入菜单", "执行动作"]
    after = ticket_menu().simulate(["0", "5"])
    assert after["outcome"].tolist()[-1] == "已转入动作，按键被忽略"


def test_validator_finds_a_dead_end():
    menu = ticket_menu().add_option("2", "3", "missing")
    assert "dead_end" in kinds(menu)


def test_validator_finds_an_unreachable_node():
    menu = ticket_menu().add_node("9", "投诉建议", action="转投诉坐席")
    assert kinds(menu) == {"unreachable"}


def test_validator_enforces_the_depth_limit():
    menu = sv.IVRMenu.from_dict({"options": {"1": {"label": "a", "options": {"1": {
        "label": "b", "options": {"1": {"label": "c", "options": {"1": {"label": "d", "action": "x"}}}}}}}}},
        max_depth=3)
    problems = [p for p in menu.validate() if p.kind == "too_deep"]
    assert [p.node for p in problems] == ["1-1-1-1"]
    menu.max_depth = 4
    assert menu.validate() == []


def test_validator_finds_a_duplicate_key():
    menu = ticket_menu().add_node("3", "退票", action="转退票坐席").add_option("root", "1", "3")
    assert "duplicate_key" in kinds(menu)


def test_validator_finds_an_invalid_key():
    menu = ticket_menu().add_node("3", "退票", action="转退票坐席").add_option("root", "A", "3")
    assert kinds(menu) == {"invalid_key"}


def test_validator_finds_a_leaf_without_action():
    menu = ticket_menu().add_node("3", "退票").add_option("root", "3", "3")
    assert kinds(menu) == {"leaf_without_action"}


def test_validator_finds_action_with_options_and_loops():
    menu = ticket_menu()
    menu.add_option("1", "1", "2")   # an action node that also has a sub-menu, reaching 2 twice
    assert {"action_with_options", "not_a_tree"} <= kinds(menu)


def test_invalid_menu_cannot_be_simulated_and_raises_all_problems():
    menu = ticket_menu().add_option("2", "3", "missing").add_node("9", "x", action="y")
    with pytest.raises(CRMLabInputError) as error:
        menu.simulate("1")
    assert "missing" in str(error.value) and "9" in str(error.value)
    with pytest.raises(CRMLabInputError):
        menu.validate(raise_errors=True)
    with pytest.raises(CRMLabInputError):
        sv.IVRMenu(max_depth=0)
    with pytest.raises(CRMLabInputError):
        ticket_menu().add_node("1", "again")


def test_menu_spec_with_a_plain_string_gets_a_clear_error():
    """A student writing "返回上一级" instead of IVRMenu.BACK gets a Chinese pointer, not AttributeError."""
    spec = {"prompt": "欢迎", "options": {"1": {"label": "查询", "options": {
        "1": {"label": "余额", "action": "查余额"}, "*": "返回上一级"}}}}
    with pytest.raises(CRMLabInputError, match=r"按键 '\*'.*IVRMenu\.BACK"):
        sv.IVRMenu.from_dict(spec)
    with pytest.raises(CRMLabInputError, match="spec"):
        sv.IVRMenu.from_dict(["不是字典"])
    with pytest.raises(CRMLabInputError, match="options"):
        sv.IVRMenu.from_dict({"options": [1, 2]})
