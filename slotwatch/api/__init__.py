"""What every REST endpoint shares: the base viewset, serializer, filters, pagination, exports and permissions.

Each app keeps its own endpoints in ``<app>/api/`` (``serializers.py``, ``filters.py``, ``views.py`` and
``urls.py`` with a ``routes`` list); ``slotwatch/api_urls.py`` puts every app's routes on one router. A new
resource is a model, a ``ValidatedModelSerializer``, a ``RegistryFilterSet``, a ``RegistryViewSet`` with its
``export_columns``, one line in its app's ``routes``, and a row in ``tests/api/test_permissions.py``.
"""
