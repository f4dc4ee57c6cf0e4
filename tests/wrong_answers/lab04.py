"""Typical mistakes in lab04 (客户满意度测评), each autograded as wrong with a message that points at it."""

WRONG_ANSWERS = [
    {
        # Weights that do not sum to 1: mean importance divided by the scale maximum.
        "name": "weights_not_summing_to_one",
        "replace": {"task1_weights": ("imp_mean = imp_items.mean()\n"
                                      "sat_mean = sat_items.mean()\n"
                                      "weights = imp_mean / 10")},
        "fails": {"test1_weights_value": "权重之和必须等于 1"},
    },
    {
        # Forgetting to rescale the 1-10 weighted mean to 0-100.
        "name": "csi_not_rescaled",
        "replace": {"task2_csi_hand": ("csi_raw = (weights * sat_mean).sum()\n"
                                       "csi_hand = csi_raw")},
        "fails": {"test2_csi_range": "换算到 0～100", "test2_csi_value": "换算到 0～100"},
    },
    {
        # Rescaling by simply multiplying by 10 (ignores that the scale starts at 1).
        "name": "csi_times_ten",
        "replace": {"task2_csi_hand": ("csi_raw = (weights * sat_mean).sum()\n"
                                       "csi_hand = csi_raw * 10")},
        "fails": {"test2_csi_value": "不能直接乘以 10"},
    },
    {
        # Swapping the importance and satisfaction axes in the 四分图.
        "name": "ipa_axes_swapped",
        "replace": {"task4_ipa": ("quad = cs.ipa(sat_items, imp_items)\n"
                                  "fix_first = sorted(quad[quad[\"quadrant\"] == \"修补区\"].index)")},
        "fails": {"test4_ipa_table": "弄反了", "test4_fix_first": "弄反了"},
    },
    {
        # NPS shares as percentages 0-100 instead of proportions 0-1.
        "name": "nps_shares_as_percent",
        "replace": {"task5_nps": ("promoter_share = (survey[\"推荐意愿\"] >= 9).mean() * 100\n"
                                  "detractor_share = (survey[\"推荐意愿\"] <= 6).mean() * 100\n"
                                  "nps_value = (promoter_share - detractor_share) * 100")},
        "fails": {"test5_nps_shares": "不要写成百分数", "test5_nps_value": "又乘了一次 100"},
    },
    {
        # Counting passives (7-8) as detractors.
        "name": "nps_detractors_up_to_7",
        "replace": {"task5_nps": ("promoter_share = (survey[\"推荐意愿\"] >= 9).mean()\n"
                                  "detractor_share = (survey[\"推荐意愿\"] <= 7).mean()\n"
                                  "nps_value = (promoter_share - detractor_share) * 100")},
        "fails": {"test5_nps_shares": "0～6 分"},
    },
    {
        # Reading the row (what satisfaction affects) instead of the column (what affects it).
        "name": "driver_from_row_not_column",
        "replace": {"task7_paths": ("to_satisfaction = ecsi.path_coefficients.loc[\"Satisfaction\"]\n"
                                    "strongest_driver = to_satisfaction.idxmax()\n"
                                    "r2_satisfaction = float(ecsi.r_squared[\"Satisfaction\"])")},
        "fails": {"test7_driver": "不是那一行"},
    },
]
