"""A new install starts with the library's Customer Service Policy (policy/default/), every
sentence of it a principle in its section, each with a one-sentence rationale ("so staff can
explain a policy to a patron in a sentence") and where the app asks for it.

How the shipped text is read, frozen here with the migration:
- the first line is the title; "Last Updated Date" is the source's placeholder for the date
  the app shows, and is skipped;
- the paragraphs before the first heading are the introduction (the version's body), a line
  after the last bullet is the closing ("Our patrons are not an interruption of our work,
  they are our work."): neither is a principle;
- a line or bullet that does not end a sentence (no . ! or ?) is a section heading: the
  source lists "Positive operating procedures" as a bullet of the ethics list;
- each bullet is split into sentences: at . ! or ? (a closing quote may follow) before a space
  and a capital or an opening quote, but never after "e.g." or "i.e."; "Avoid saying “I don’t
  know;” use “I can find out!”" stays one sentence.
"""

import re
from pathlib import Path

from django.db import migrations
from django.utils import timezone

SOURCE = Path(__file__).resolve().parent.parent / "default" / "customer-service-policy.txt"
PLACEHOLDER = "Last Updated Date"
BULLET = "•"
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z“‘\"])|(?<=[.!?][”’\"])\s+(?=[A-Z“‘\"])")
ABBREVIATIONS = ("e.g.", "i.e.")
ENDS_A_SENTENCE = re.compile(r"[.!?][”’\"]?$")

RATIONALE = (
    "Every patron interaction shapes how the community sees and supports the library, so one "
    "standard of service, helpful first, guides every other policy."
)

# Each sentence of the shipped policy: (its rationale, where in the app it applies or None).
PRINCIPLES = {
    # Customer service principles
    "Treat every patron with equal respect and every request with equal importance.": (
        "Patrons trust a library that serves everyone alike, whoever they are and whatever they ask.",
        "Desk log: every question is logged the same way, whatever its kind",
    ),
    "Always be ready and willing to help, making patrons feel valued.": (
        "A patron who feels welcome asks the question they came with, and comes back.",
        None,
    ),
    "Provide accurate, friendly and efficient service, and invite patrons to return.": (
        "Accurate answers given kindly and quickly are what patrons remember, and an invitation tells them they are welcome next time.",
        "Desk form: invited to return",
    ),
    "Do your best to meet patrons’ needs and exceed their expectations.": (
        "Going a step beyond the question asked is what turns a transaction into good service.",
        None,
    ),
    "Whenever possible, judgment calls should be made in the patron’s favor.": (
        "A rule applied generously keeps a patron's goodwill, which is worth more than the small cost of the exception.",
        None,
    ),
    "If you are unable to comply with a request, offer an alternative.": (
        "A no that comes with an alternative still leaves the patron a way forward.",
        "Desk form: alternative offered",
    ),
    "Be well-versed in library policies and be able to explain the rationale behind them.": (
        "Patrons accept a rule more readily when staff can say why it exists.",
        "Policy library: each principle with its rationale",
    ),
    "Always seek possible improvements to promote service excellence.": (
        "Service gets better only when staff notice what could work better and say so.",
        None,
    ),
    # Ethics/confidentiality guidelines
    "Do not offer personal opinions or advice; refer patrons to authoritative sources instead.": (
        "Patrons rely on the library for reliable information, not for a staff member's views.",
        "Desk form: outcome “referred”",
    ),
    "Use common sense and diplomacy in discussion of Board decisions and library policies.": (
        "Staff speak for the library, and a careless remark about a decision can cost the library trust.",
        None,
    ),
    "Do not discuss patron interactions in public areas.": (
        "What a patron asks is private, and no one nearby should overhear it.",
        "Desk log: notes are confidential and never shown in lists",
    ),
    (
        "All interactions between a patron and the library are confidential and should be "
        "discussed only in a professional context (including but not limited to registration "
        "information, patron circulation records, and reference questions)."
    ): (
        "Patrons ask and borrow freely only when they trust that it stays private.",
        "Access rules and the access record: every read of confidential details is recorded",
    ),
    # Positive operating procedures
    "Smile to greet approaching patrons.": (
        "A smile tells a patron that coming to the desk is welcome.",
        None,
    ),
    "Welcome new borrowers and give them all the time and information they may need.": (
        "A new borrower's first visit decides whether they become a regular user of the library.",
        "Register a patron: card and services explained",
    ),
    "Encourage them to come back often – if there is time for a brief tour and they are interested, give one.": (
        "A short tour shows what the library offers, which is the best reason to come back.",
        "Register a patron: tour offered",
    ),
    "Wear your name tag at all times, so patrons know who can be approached for help.": (
        "Patrons should never have to guess who works here.",
        None,
    ),
    "Look up and around periodically while at the desk.": (
        "Patrons who hesitate to interrupt are noticed only by staff who look up.",
        None,
    ),
    "Be proactive.": (
        "Many patrons will not ask for help unless it is offered.",
        None,
    ),
    "Approach patrons and offer to help.": (
        "Offering help first reaches patrons who are unsure whom or what to ask.",
        None,
    ),
    "Try not to point.": (
        "Pointing leaves the patron to find the way alone, and they may not.",
        None,
    ),
    "Walk patrons to the shelves or to the proper desk.": (
        "Taking the patron there makes sure they find what they came for.",
        None,
    ),
    "Find ways to say “yes.”": (
        "Patrons come to the library to be helped, and a yes is what they remember.",
        "Desk form: alternative offered",
    ),
    "Offer options such as interlibrary loan or electronic products if print material is unavailable.": (
        "An item the library lacks on the shelf can usually still be had another way.",
        "Desk form: alternative offered (interlibrary loan, e-resource, purchase suggestion)",
    ),
    "Invite patrons to return for additional assistance.": (
        "An invitation tells patrons that their next question is welcome too.",
        "Desk form: invited to return",
    ),
    "Ask follow-up questions to make sure their needs have been met.": (
        "The first question is often not the real one, and a follow-up question finds it.",
        "Desk form: follow-up asked",
    ),
    "If you are helping others, acknowledge patrons that are waiting by making eye contact.": (
        "A waiting patron who has been seen waits patiently; one who has not may leave.",
        "Waiting list",
    ),
    "Explain, if needed, that you are assisting someone else but will be with them as soon as possible.": (
        "Knowing they will be helped soon makes the wait easier to accept.",
        "Waiting list",
    ),
    "Keep your voice low in the library.": (
        "Others are reading and working in the library, and staff set the example.",
        None,
    ),
    "Be friendly, but avoid long conversations with patrons; explain that you need to get back to work.": (
        "Other patrons are waiting for the same attention.",
        None,
    ),
    "Keep conversations with other staff to a minimum in public areas.": (
        "Patrons hesitate to interrupt staff who are talking to each other.",
        None,
    ),
    "Even if you are discussing library business, patrons may perceive you are either merely socializing or too busy to help them.": (
        "Patrons judge by what they see, not by what is being discussed.",
        None,
    ),
    "Answer the telephone in a timely manner.": (
        "A caller cannot see that staff are busy and only hears the phone ring.",
        "Desk opening: phone on",
    ),
    "Use a friendly tone and identify the library.": (
        "On the phone the voice is the whole impression, and callers need to know they reached the library.",
        None,
    ),
    "Patrons who are present in the building take precedence over telephone inquiries.": (
        "The patron at the desk made the trip and is waiting in person.",
        "Callbacks",
    ),
    "If you are unable to work on a caller’s request immediately, offer to call them back.": (
        "A callback serves the caller well without making the patron at the desk wait.",
        "Callbacks: a due time for each",
    ),
    "Avoid personal calls while on duty.": (
        "Time at the desk belongs to the patrons.",
        None,
    ),
    "During all hours of operation, a staff member should be at the service desk.": (
        "Patrons expect to find help at the desk whenever the library is open.",
        "Desk opening: desk staffed",
    ),
    "Be aware of the visual impact of the library.": (
        "How the library looks is part of how well patrons feel served.",
        "Desk opening: area neat",
    ),
    "Eliminate clutter and present an organized, neat service area.": (
        "A tidy desk looks ready to help, and things on it are quicker to find.",
        "Desk opening: area neat",
    ),
    "Confine food and drink to staff areas.": (
        "Food at the desk looks careless and puts materials and equipment at risk.",
        None,
    ),
    "Listen courteously to patron suggestions and encourage them to fill out comment cards.": (
        "A suggestion written down reaches the people who can act on it.",
        "Comment cards and suggestions",
    ),
    "If a patron has a complaint, listen attentively in a non-judgmental manner.": (
        "A patron who feels heard is halfway to being satisfied.",
        "Complaint form: listened",
    ),
    "Refer to the appropriate library policy, and when necessary refer the patron to the Director.": (
        "A complaint is settled fairly when it is measured against policy, and the Director decides what policy does not settle.",
        "Complaint form: policy referred to, Director referral considered",
    ),
    "If a patron has concerns about an item in the collection, ask them to fill out the appropriate form to begin the review process.": (
        "A written request starts the formal review, so the concern is decided fairly and on the record.",
        "Collection-review request",
    ),
    "Strive for patrons to experience a user-friendly, accessible environment that meets their information needs.": (
        "The library is for everyone, so its spaces and services must work for everyone.",
        None,
    ),
    # Teamwork
    "Be punctual; your colleagues will appreciate it.": (
        "A late start leaves a colleague covering the desk alone.",
        None,
    ),
    "Be mutually supportive of other staff.": (
        "Staff who help each other serve patrons better than any one of them could alone.",
        None,
    ),
    "Keep in mind that the quality of your work always impacts that of another.": (
        "Work left unfinished or done carelessly lands on a colleague's desk.",
        None,
    ),
    "Share resources and expertise.": (
        "What one colleague knows can answer another colleague's patron.",
        "Referrals: the expertise directory",
    ),
    "Value and respect the skills, abilities, and contributions of your co-workers.": (
        "A team that respects each other's strengths puts them to use.",
        None,
    ),
    "Be flexible.": (
        "Needs at the desk change hour by hour, and plans must give way to them.",
        None,
    ),
    "Help each other to be a success.": (
        "The library succeeds only when its staff do.",
        None,
    ),
    "If you don’t know the answer, find someone who does.": (
        "The patron needs the answer, not necessarily from the person they asked first.",
        "Referrals: hand a question to a colleague",
    ),
    "Avoid saying “I don’t know;” use “I can find out!”": (
        "“I can find out!” keeps the patron's trust while the answer is found.",
        "Referrals: hand a question to a colleague",
    ),
    "A friendly, helpful attitude ensures a positive experience even when the message you must convey is not a pleasant one.": (
        "Patrons accept bad news better from someone who is plainly on their side.",
        None,
    ),
    "Communicate a positive perspective to patrons and co-workers about library policies and procedures.": (
        "Staff who believe in the library's policies make them easier for patrons to accept.",
        None,
    ),
    "Bring forward your good ideas to benefit the library team and patrons.": (
        "A good idea helps no one until someone hears it.",
        None,
    ),
}


def sentences(text: str) -> list[str]:
    merged: list[str] = []
    for piece in SENTENCE_BREAK.split(text.strip()):
        if merged and merged[-1].endswith(ABBREVIATIONS):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def parse(text: str) -> dict:
    """The title, introduction, closing and (section, sentence) pairs of the shipped text."""
    lines = [line.strip() for line in text.splitlines()]
    title, rest = lines[0], lines[1:]
    introduction, closing, principles = [], [], []
    section = None
    for line in rest:
        if not line or line == PLACEHOLDER:
            continue
        is_bullet = line.startswith(BULLET)
        line = line.removeprefix(BULLET).strip()
        if not ENDS_A_SENTENCE.search(line):
            section = line
        elif is_bullet:
            principles += [(section, sentence) for sentence in sentences(line)]
        elif section is None:
            introduction.append(line)
        else:
            closing.append(line)
    return {
        "title": title,
        "body": "\n\n".join(introduction),
        "closing": "\n\n".join(closing),
        "principles": principles,
    }


def load_policy(apps, schema_editor):
    Policy = apps.get_model("policy", "Policy")
    PolicyVersion = apps.get_model("policy", "PolicyVersion")
    Principle = apps.get_model("policy", "Principle")
    shipped = parse(SOURCE.read_text(encoding="utf-8"))
    missing = {text for _, text in shipped["principles"]} ^ PRINCIPLES.keys()
    if missing:
        raise ValueError(f"The shipped policy and the rationales here disagree about: {sorted(missing)}")
    policy, created = Policy.objects.get_or_create(title=shipped["title"])
    if not created:
        return
    version = PolicyVersion.objects.create(
        policy=policy,
        number=1,
        effective_on=timezone.localdate(),
        body=shipped["body"],
        rationale=RATIONALE,
        closing=shipped["closing"],
    )
    Principle.objects.bulk_create(
        Principle(
            version=version,
            section=section,
            position=position,
            text=text,
            rationale=PRINCIPLES[text][0],
            applies_in=PRINCIPLES[text][1],
        )
        for position, (section, text) in enumerate(shipped["principles"], start=1)
    )


def remove_policy(apps, schema_editor):
    title = parse(SOURCE.read_text(encoding="utf-8"))["title"]
    apps.get_model("policy", "Policy").objects.filter(title=title).delete()


class Migration(migrations.Migration):
    dependencies = [("policy", "0001_initial")]

    operations = [migrations.RunPython(load_policy, remove_policy)]
