"""The live desk's records, one module per part (waiting.py, callbacks.py, referrals.py,
coverage.py), each imported here so that Django finds its models."""

from desk.models.referrals import Expert, Referral, ReferralStep, Subject  # noqa: F401
