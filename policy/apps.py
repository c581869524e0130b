from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "policy"

    def ready(self):
        from policy.checklists import CACHE_GROUP
        from policy.models import Checklist, ChecklistItem, Policy, PolicyVersion
        from policy.selectors import BANNER_CACHE_GROUP
        from servicedesk.lib.shared_cache import invalidate_on_change

        # The cached checklist items (policy.checklists.items_for) name the version in effect.
        invalidate_on_change(CACHE_GROUP, Checklist, ChecklistItem, PolicyVersion)
        # The banner's versions in effect (policy.selectors.banner_versions) show the title.
        invalidate_on_change(BANNER_CACHE_GROUP, Policy, PolicyVersion)
