from changelog.api.views import ChangeRecordViewSet

routes = [("changes", ChangeRecordViewSet, "changerecord")]
