"""养老方案附件 1: the policy reference list (issue → legal basis → competent departments → measures)."""
from __future__ import annotations

import streamlit as st

from ui.data import campaigns
from ui.downloads import download_buttons
from ui.i18n import _
from ui.provenance import source_caption
from ui.tables import labelled, show_table
from views.campaigns.common import cite_rows, empty_notice


def policy_section(plan_doc: str) -> None:
    """养老方案附件 1 of the chosen plan's compendium: issue → legal basis → competent departments → measures,
    de-duplicated."""
    st.subheader(_("养老服务突出问题专项整治政策参考清单"))
    doc = plan_doc if campaigns.has_policy_list(plan_doc) else campaigns.policy_doc(plan_doc)
    issues, refs = campaigns.policy_issues(doc), campaigns.policy_refs(doc)
    if issues.empty:
        empty_notice(_("养老方案附件 1“政策参考清单”"))
        return
    st.caption(_("养老服务领域专项整治方案附件 1。原文表格被分页拆成多段且相互重叠；去重后共 {issues} 个问题、"
                 "{bases} 份不同的文件依据（问题 × 依据 {pairs} 条）。", issues=len(issues),
                 bases=refs.legal_basis.nunique(), pairs=refs.legal_basis.notna().sum()))
    category = st.pills(_("突出问题"), list(dict.fromkeys(issues.category)), key="policy_category",
                        default=issues.category.iloc[0])
    chosen = issues[issues.category == category] if category else issues
    for issue in chosen.itertuples():
        with st.expander(issue.issue):
            if isinstance(issue.sub_issues, str):
                st.markdown(_("**问题表现**：") + issue.sub_issues)
            bases = refs[(refs.category == issue.category) & (refs.issue_no == issue.issue_no)].dropna(
                subset=["legal_basis"])
            st.markdown(_("**文件依据**（{n} 份）：", n=len(bases)))
            for basis in bases.itertuples():
                st.markdown(f"- {basis.legal_basis}")
                if isinstance(basis.articles, str):
                    st.caption(_("所引条文：") + basis.articles[:300] + ("……" if len(basis.articles) > 300 else ""))
            st.markdown(_("**主管部门**：") + (issue.departments if isinstance(issue.departments, str) else "—"))
            st.markdown(_("**整治措施**：") + (issue.measures if isinstance(issue.measures, str) and issue.measures
                                              else _("原文未写明")))
            source_caption(issue.doc_id, refs[refs.issue_no == issue.issue_no].line)
    shown = refs[["category", "issue_no", "issue", "legal_basis", "departments", "measures", "line"]]
    with st.expander(_("完整清单表格（{n} 行：每个问题 × 每份文件依据）", n=len(shown))):
        show_table(shown, "elderly_policy_refs")
    download_buttons(labelled(shown, "elderly_policy_refs"), _("养老政策参考清单"), key="policy-refs")
    cite_rows(refs, "policy-refs")
