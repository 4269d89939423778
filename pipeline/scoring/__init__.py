"""Expert scoring (Article 12): workbooks out to the experts, back in, checked and aggregated
into 评审汇总.xlsx with the ranking and the proposed list.

    experts = read_experts(Path("专家名单.xlsx"))
    write_workbooks(results, experts, out / "评分表")          # one workbook per expert
    review = read_back(paths, out / "评分表", results)          # validated scores + problems
    write_summary(rank(review, results), review, out / "评审汇总.xlsx")
"""
