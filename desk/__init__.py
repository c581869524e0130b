"""The live desk: the patrons waiting at a service point, phone callbacks, "I can find out!"
referrals to the expertise directory, and the desk's coverage and handover. The console
(interactions) shows its lists, refreshed without a reload from desk.views.console.live.

It sits above interactions (a callback done, a waiting patron served and a referral answered
are logged as interactions) and beside feedback (.importlinter)."""
