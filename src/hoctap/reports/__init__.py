"""Documents for officials: a set as its official annex, reports for a council."""
