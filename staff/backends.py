"""Object permissions from the access rules: `user.has_perm("interactions.view_note", obj)`
asks staff/access.py, so views, templates and the admin all ask the same question.
Model permissions (no object) stay with Django's ModelBackend."""

from django.contrib.auth.backends import BaseBackend

from staff import access

# permission -> the rule that answers it for one record
RULES = {
    "interactions.view_interaction": lambda user, obj: access.interactions_visible_to(user).filter(pk=obj.pk).exists(),
    "interactions.view_note": access.may_read_interaction_confidential,
    "interactions.change_interaction": access.may_edit_interaction,
    "patrons.view_patron": lambda user, obj: access.patrons_visible_to(user).filter(pk=obj.pk).exists(),
    "patrons.view_patron_details": access.may_read_patron_details,
    "patrons.change_patron": access.may_update_patron,
}


class AccessRulesBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None):
        if obj is None or not user_obj.is_active or perm not in RULES:
            return False
        return RULES[perm](user_obj, obj)
