import os

from django.core.wsgi import get_wsgi_application

from servicedesk.lib.startup import refuse_to_serve_misconfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "servicedesk.settings")

refuse_to_serve_misconfigured()
application = get_wsgi_application()
