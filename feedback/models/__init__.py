"""The feedback workflows: complaints (to the Director when needed), collection-review
requests (requests for reconsideration), comment cards and purchase suggestions. Each record
has a statistical part (when, where, status, deadlines) and a confidential part (the patron
and their contact details, what they wrote), and a timeline of steps: who did what, when,
with an internal note.

What a record may do next is a table in feedback/services/ (complaint_rules.py,
review_rules.py, card_rules.py, suggestions.py) taken by the workflow kernel
(servicedesk/lib/workflow.py); who may see it, in staff/access/."""

from feedback.models.base import TEXT_MAX_LENGTH, ReplyChannel
from feedback.models.cards import CommentCard, CommentCardStep
from feedback.models.complaints import Complaint, ComplaintStep
from feedback.models.replies import Reply, ReplyTemplate
from feedback.models.reviews import Reviewer, ReviewRequest, ReviewStep
from feedback.models.suggestions import PurchaseSuggestion

__all__ = [
    "TEXT_MAX_LENGTH",
    "CommentCard",
    "CommentCardStep",
    "Complaint",
    "ComplaintStep",
    "PurchaseSuggestion",
    "Reply",
    "ReplyChannel",
    "ReplyTemplate",
    "ReviewRequest",
    "ReviewStep",
    "Reviewer",
]
