"""Typical mistakes in lab04 (客户满意度测评), each autograded as wrong with a message that points at it.

Later tasks are checked against the course data, so a wrong ``weights`` in task 1 also
costs tasks 2 and 3; their checks then send the student back to task 1.
"""

_T1 = ["imp_mean = imp_items.mean()", "sat_mean = sat_items.mean()"]
_CSI_RAW = "csi_raw = (weights * sat_mean).sum()"
_T5_PROMOTERS = 'promoter_share = (survey["推荐意愿"] >= 9).mean()'
_T5_DETRACTORS = 'detractor_share = (survey["推荐意愿"] <= 6).mean()'
_T5_NPS = "nps_value = (promoter_share - detractor_share) * 100"
_T7_R2 = 'r2_satisfaction = float(ecsi.r_squared["Satisfaction"])'

WRONG_ANSWERS = [
    {
        # Weights that do not sum to 1: mean importance divided by the scale maximum.
        "name": "weights_not_summing_to_one",
        "replace": {"task1_weights": "\n".join([*_T1, "weights = imp_mean / 10"])},
        "fails": {"test1_weights_value": "权重之和必须等于 1", "test2_csi_raw": "先让任务 1 的检查通过",
                  "test2_csi_value": "先让上一个检查通过", "test3_csi_weighted": "先让任务 1 的检查通过"},
    },
    {
        # Weights from the satisfaction means: they sum to 1 but weigh the wrong thing.
        "name": "weights_from_satisfaction",
        "replace": {"task1_weights": "\n".join([*_T1, "weights = sat_mean / sat_mean.sum()"])},
        "fails": {"test1_weights_value": "按满意度分配", "test2_csi_raw": "先让任务 1 的检查通过",
                  "test2_csi_value": "先让上一个检查通过", "test3_csi_weighted": "先让任务 1 的检查通过"},
    },
    {
        # Equal weights (0.1 each): they sum to 1, but importance plays no part.
        "name": "weights_equal",
        "replace": {"task1_weights": "\n".join([*_T1, "weights = imp_mean / imp_mean * 0.1"])},
        "fails": {"test1_weights_value": "等权", "test2_csi_raw": "先让任务 1 的检查通过",
                  "test2_csi_value": "先让上一个检查通过", "test3_csi_weighted": "先让任务 1 的检查通过"},
    },
    {
        # Plain mean of the satisfaction means instead of the weighted sum.
        "name": "csi_raw_unweighted",
        "replace": {"task2_csi_hand": "csi_raw = sat_mean.mean()\ncsi_hand = (csi_raw - 1) / (10 - 1) * 100"},
        "fails": {"test2_csi_raw": "简单平均", "test2_csi_value": "先让上一个检查通过"},
    },
    {
        # Forgetting to rescale the 1-10 weighted mean to 0-100.
        "name": "csi_not_rescaled",
        "replace": {"task2_csi_hand": f"{_CSI_RAW}\ncsi_hand = csi_raw"},
        "fails": {"test2_csi_value": "换算到 0～100"},
    },
    {
        # Rescaling by simply multiplying by 10 (ignores that the scale starts at 1).
        "name": "csi_times_ten",
        "replace": {"task2_csi_hand": f"{_CSI_RAW}\ncsi_hand = csi_raw * 10"},
        "fails": {"test2_csi_value": "不能直接乘以 10"},
    },
    {
        # Dividing by 10 instead of 10 - 1.
        "name": "csi_divided_by_ten",
        "replace": {"task2_csi_hand": f"{_CSI_RAW}\ncsi_hand = (csi_raw - 1) / 10 * 100"},
        "fails": {"test2_csi_value": "要除以 9"},
    },
    {
        # The library index without the weights: the equal-weight index twice.
        "name": "csi_lib_without_weights",
        "replace": {"task3_csi_library": ("csi_lib = cs.overall_index(sat_items, scale=(1, 10))\n"
                                          "csi_equal = cs.overall_index(sat_items, scale=(1, 10))")},
        "fails": {"test3_csi_weighted": "weights=weights"},
    },
    {
        # A 0-10 scale for a 1-10 questionnaire.
        "name": "csi_equal_wrong_scale",
        "replace": {"task3_csi_library": ("csi_lib = cs.overall_index(sat_items, weights=weights, scale=(1, 10))\n"
                                          "csi_equal = cs.overall_index(sat_items, scale=(0, 10))")},
        "fails": {"test3_csi_equal": "scale=(1, 10)"},
    },
    {
        # Swapping the importance and satisfaction axes in the 四分图.
        "name": "ipa_axes_swapped",
        "replace": {"task4_ipa": ("quad = cs.ipa(sat_items, imp_items)\n"
                                  "fix_first = sorted(quad[quad[\"quadrant\"] == \"修补区\"].index)")},
        "fails": {"test4_ipa_table": "弄反了", "test4_fix_first": "弄反了"},
    },
    {
        # Low satisfaction only: 修补区 also needs high importance.
        "name": "fix_first_low_satisfaction_only",
        "replace": {"task4_ipa": ("quad = cs.ipa(imp_items, sat_items)\n"
                                  "fix_first = sorted(quad.index[quad[\"satisfaction\"] < quad[\"satisfaction\"].mean()])")},
        "fails": {"test4_fix_first": "只看了满意度低"},
    },
    {
        # Taking the low-low quadrant for the one to fix first.
        "name": "fix_first_is_opportunity_quadrant",
        "replace": {"task4_ipa": ("quad = cs.ipa(imp_items, sat_items)\n"
                                  "fix_first = sorted(quad[quad[\"quadrant\"] == \"机会区\"].index)")},
        "fails": {"test4_fix_first": "是机会区"},
    },
    {
        # The right attributes in table order, not sorted as asked.
        "name": "fix_first_not_sorted",
        "replace": {"task4_ipa": ("quad = cs.ipa(imp_items, sat_items)\n"
                                  "fix_first = list(quad[quad[\"quadrant\"] == \"修补区\"].index)")},
        "fails": {"test4_fix_first": "还没有排序"},
    },
    {
        # NPS shares as percentages 0-100 instead of proportions 0-1.
        "name": "nps_shares_as_percent",
        "replace": {"task5_nps": ("promoter_share = (survey[\"推荐意愿\"] >= 9).mean() * 100\n"
                                  "detractor_share = (survey[\"推荐意愿\"] <= 6).mean() * 100\n"
                                  f"{_T5_NPS}")},
        "fails": {"test5_nps_shares": "不要写成百分数", "test5_nps_value": "又乘了一次 100"},
    },
    {
        # NPS shares as head counts (.sum() instead of .mean()): counts are not shares.
        "name": "nps_shares_as_counts",
        "replace": {"task5_nps": ("promoter_share = (survey[\"推荐意愿\"] >= 9).sum()\n"
                                  "detractor_share = (survey[\"推荐意愿\"] <= 6).sum()\n"
                                  f"{_T5_NPS}")},
        "fails": {"test5_nps_shares": "是人数，不是比例", "test5_nps_value": "你用的是人数"},
    },
    {
        # Detractors minus promoters: the NPS with its sign reversed.
        "name": "nps_sign_reversed",
        "replace": {"task5_nps": "\n".join([
            _T5_PROMOTERS, _T5_DETRACTORS, "nps_value = (detractor_share - promoter_share) * 100"])},
        "fails": {"test5_nps_value": "减反了"},
    },
    {
        # Counting passives (7-8) as detractors.
        "name": "nps_detractors_up_to_7",
        "replace": {"task5_nps": "\n".join([
            _T5_PROMOTERS, 'detractor_share = (survey["推荐意愿"] <= 7).mean()', _T5_NPS])},
        "fails": {"test5_nps_shares": "0～6 分", "test5_nps_value": "先让上一个检查"},
    },
    {
        # Counting 8s as promoters.
        "name": "nps_promoters_from_8",
        "replace": {"task5_nps": "\n".join([
            'promoter_share = (survey["推荐意愿"] >= 8).mean()', _T5_DETRACTORS, _T5_NPS])},
        "fails": {"test5_nps_shares": "只包括打 9 分和 10 分", "test5_nps_value": "先让上一个检查"},
    },
    {
        # Leaving out the 6s: "< 6" instead of "<= 6".
        "name": "nps_detractors_below_6",
        "replace": {"task5_nps": "\n".join([
            _T5_PROMOTERS, 'detractor_share = (survey["推荐意愿"] < 6).mean()', _T5_NPS])},
        "fails": {"test5_nps_shares": "6 分也算贬损者", "test5_nps_value": "先让上一个检查"},
    },
    {
        # Forgetting the factor 100.
        "name": "nps_not_times_100",
        "replace": {"task5_nps": "\n".join([
            _T5_PROMOTERS, _T5_DETRACTORS, "nps_value = promoter_share - detractor_share"])},
        "fails": {"test5_nps_value": "别忘了乘以 100"},
    },
    {
        # The preset model without .fit(): nothing is estimated, every later task breaks.
        "name": "ecsi_not_fitted",
        "replace": {"task6_ecsi": "ecsi = cs.ECSI.model()"},
        "fails": {"test6_ecsi": "别忘了", "test7_driver": "先让任务 6 的检查通过",
                  "test7_r2": "先让任务 6 的检查通过", "test8_sat_complaints": "先让任务 6 的检查通过",
                  "test8_complaints_loyalty": "先让任务 6 的检查通过",
                  "test9_mobi_index": "先让任务 6 的检查通过", "test9_index": "先让任务 6 的检查通过"},
    },
    {
        # Reading the row (what satisfaction affects) instead of the column (what affects it).
        "name": "driver_from_row_not_column",
        "replace": {"task7_paths": ("to_satisfaction = ecsi.path_coefficients.loc[\"Satisfaction\"]\n"
                                    "strongest_driver = to_satisfaction.idxmax()\n"
                                    f"{_T7_R2}")},
        "fails": {"test7_driver": "那一行"},
    },
    {
        # R² written as a percentage.
        "name": "r2_as_percent",
        "replace": {"task7_paths": ("strongest_driver = ecsi.path_coefficients[\"Satisfaction\"].idxmax()\n"
                                    "r2_satisfaction = float(ecsi.r_squared[\"Satisfaction\"]) * 100")},
        "fails": {"test7_r2": "百分数"},
    },
    {
        # Cause and effect swapped in .loc: both cells read 0.
        "name": "path_cells_reversed",
        "replace": {"task8_complaints": (
            "sat_to_complaints = float(ecsi.path_coefficients.loc[\"Complaints\", \"Satisfaction\"])\n"
            "complaints_to_loyalty = float(ecsi.path_coefficients.loc[\"Loyalty\", \"Complaints\"])")},
        "fails": {"test8_sat_complaints": "这个格子是 0", "test8_complaints_loyalty": "这个格子是 0"},
    },
    {
        # The satisfaction -> loyalty path instead of complaints -> loyalty.
        "name": "loyalty_path_from_satisfaction",
        "replace": {"task8_complaints": (
            "sat_to_complaints = float(ecsi.path_coefficients.loc[\"Satisfaction\", \"Complaints\"])\n"
            "complaints_to_loyalty = float(ecsi.path_coefficients.loc[\"Satisfaction\", \"Loyalty\"])")},
        "fails": {"test8_complaints_loyalty": "满意度 → 忠诚"},
    },
    {
        # A 0-10 scale for the 1-10 mobi items.
        "name": "index_wrong_scale",
        "replace": {"task9_index": ("mobi_index = ecsi.index_scores(scale=(0, 10))\n"
                                    "satisfaction_index = float(mobi_index[\"Satisfaction\"])")},
        "fails": {"test9_mobi_index": "scale=(1, 10)", "test9_index": "scale=(1, 10)"},
    },
    {
        # Weights rounded to 3 decimals: they no longer sum to 1 exactly, and the check says why
        # instead of "权重之和必须等于 1".  Tasks 2 and 3 use the weights too.
        "name": "weights_rounded_early",
        "replace": {"task1_weights": "\n".join([*_T1, "weights = (imp_mean / imp_mean.sum()).round(3)"])},
        "fails": {"test1_weights_value": "用 round 取了整", "test2_csi_raw": "先让任务 1 的检查通过",
                  "test2_csi_value": "先让上一个检查通过", "test3_csi_weighted": "先让任务 1 的检查通过"},
    },
    {
        # CSI rounded to 1 decimal by hand: the check keeps 2 and adds answercheck's rounding hint.
        "name": "csi_rounded_early",
        "replace": {"task2_csi_hand": "\n".join([_CSI_RAW, "csi_hand = round((csi_raw - 1) / (10 - 1) * 100, 1)"])},
        "fails": {"test2_csi_value": "提前用 round 取了整"},
    },
    {
        # The index table rounded to 1 decimal (as it is displayed): both index checks fail.
        "name": "mobi_index_rounded",
        "replace": {"task9_index": ('mobi_index = ecsi.index_scores(scale=(1, 10)).round(1)\n'
                                    'satisfaction_index = float(mobi_index["Satisfaction"])')},
        "fails": {"test9_mobi_index": "提前用 round 取了整", "test9_index": "四舍五入"},
    },
    {
        # Weights rounded to 6 decimals: they sum to 1.000001, and the check says why
        # instead of "权重之和必须等于 1".  At the digits tasks 2 and 3 keep, nothing changes there.
        "name": "weights_rounded_6",
        "replace": {"task1_weights": "\n".join([*_T1, "weights = (imp_mean / imp_mean.sum()).round(6)"])},
        "fails": {"test1_weights_value": "用 round 取了整"},
    },
    {
        # R² copied from the path diagram, which shows 2 decimals.
        "name": "r2_from_diagram",
        "replace": {"task7_paths": ("strongest_driver = ecsi.path_coefficients[\"Satisfaction\"].idxmax()\n"
                                    "r2_satisfaction = 0.68")},
        "fails": {"test7_r2": "只显示两位小数"},
    },
    {
        # Both path coefficients copied from the path diagram (2 decimals).
        "name": "paths_from_diagram",
        "replace": {"task8_complaints": (
            "sat_to_complaints = round(float(ecsi.path_coefficients.loc[\"Satisfaction\", \"Complaints\"]), 2)\n"
            "complaints_to_loyalty = round(float(ecsi.path_coefficients.loc[\"Complaints\", \"Loyalty\"]), 2)")},
        "fails": {"test8_sat_complaints": "只显示两位小数", "test8_complaints_loyalty": "只显示两位小数"},
    },
]
