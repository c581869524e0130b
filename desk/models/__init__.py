"""The live desk's records, one module per part (waiting.py, callbacks.py, referrals.py,
coverage.py), each imported here so that Django finds its models."""

from desk.models.callbacks import Callback, CallbackStep  # noqa: F401
from desk.models.coverage import DeskCoverage, HandoverNote  # noqa: F401
from desk.models.waiting import WaitingPatron  # noqa: F401
from desk.models.referrals import Expert, Referral, ReferralStep, Subject  # noqa: F401
