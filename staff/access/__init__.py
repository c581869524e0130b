"""Who may see and do what (shared/design/roles.md), decided in this package and nowhere else.

- A scope, `<record>_scope(viewer) -> Q`: the rows the viewer may see. Each app's selector
  applies it to its own model (`interactions.selectors.interactions_visible_to`), so lists,
  pages, searches and exports start from the same rows; as a `Q` it needs no model of the
  apps above `staff`.
- A predicate, `may_<verb>_<record>(viewer, record) -> bool`, on one record's own attributes
  (duck-typed: `branch_id`, `taken_by_id`, ...).

A record's confidential part is handed out by staff/confidential.py only, which asks the
predicates here and records the read in the same call. Roles are Django groups
(staff/roles.py); no rule looks at is_superuser. The policy: "All interactions between a
patron and the library are confidential."

The rules are kept by what they guard: `people` (roles, branches, service points), `desk`
(interactions, patrons), `referrals` (referrals and the expertise directory), `workflows` (complaints,
reviews, cards, suggestions), `callbacks`, `coverage` (the coverage board, handover notes), `accounts` (the
access record, role grants, lockouts), `outbox` (the e-mail the app sends), `policies`, `reports`, `today` (a branch's day, the landing page of
supervisors and the Director) and `waiting` (the desk's waiting list).
Callers import them from here, `staff.access`, the one place to ask.
"""

from staff.access.people import (  # noqa: F401
    role_names,
    has_role,
    serves_patrons,
    is_director,
    supervises_or_directs,
    branch_ids,
    supervises,
    service_points_for,
    first_own_branch,
    NOTHING,
)
from staff.access.desk import (  # noqa: F401
    interaction_scope,
    may_read_interaction_confidential,
    may_edit_interaction,
    may_undo_interaction,
    may_void_interaction,
    may_read_patron_history,
    patron_scope,
    may_read_patron_details,
    may_update_patron,
    may_block_patron,
    may_change_card_status,
)
from staff.access.coverage import (  # noqa: F401
    coverage_branch_scope,
    may_see_coverage,
    handover_note_scope,
    may_write_handover_note,
    may_dismiss_handover_note,
)
from staff.access.referrals import (  # noqa: F401
    referral_scope,
    referral_reminder_scope,
    may_see_referral,
    may_refer,
    may_answer_referral,
    may_pass_on_referral,
    directory_scope,
    may_keep_own_entry,
    may_add_directory_place,
    may_edit_directory_entry,
    was_referred_to,
)
from staff.access.accounts import (  # noqa: F401
    access_records_visible_to,
    access_record_filters_for,
    may_grant_role,
    may_decide_role_grant,
    lockouts_visible_to,
)
from staff.access.outbox import (  # noqa: F401
    messages_visible_to,
    may_read_message_addresses,
    may_retry_message,
)
from staff.access.workflows import (  # noqa: F401
    complaint_scope,
    may_see_complaint,
    may_work_complaint,
    may_decide_complaint,
    works_complaints,
    review_scope,
    may_see_review,
    may_read_review_requester,
    may_run_review,
    may_decide_review,
    may_decide_appeal,
    may_publish_review,
    card_scope,
    may_see_card,
    may_triage_card,
    triages_cards,
    suggestion_scope,
    may_see_suggestion,
    may_decide_suggestion,
)
from staff.access.reports import (  # noqa: F401
    sees_reports,
    sees_coverage_report,
    report_branches,
    report_service_points,
    report_scope,
    sees_feedback_reports,
    report_branch_scope,
)
from staff.access.today import (  # noqa: F401
    sees_branch_day,
    branch_day_scope,
    may_see_branch_day,
    awaits_escalations,
)
from staff.access.policies import (  # noqa: F401
    holds_publish_permission,
    may_publish_policy,
    may_delegate_publishing,
    may_edit_checklists,
    sees_acknowledgments,
    serving_staff,
    staff_acknowledgments_visible_to,
    follow_through_branches,
    PUBLISH_PERMISSION,
)
from staff.access.callbacks import (  # noqa: F401
    callback_scope,
    may_see_callback,
    may_work_callback,
    may_cancel_callback,
    watches_overdue_callbacks,
    callback_assignees,
)
from staff.access.waiting import (  # noqa: F401
    waiting_scope,
    may_keep_waiting_list,
)
