from django.db.models import Count, Q, Sum
from django.views.generic import DetailView, ListView

from filings.models import Filing


class FilingListView(ListView):
    template_name = "filings/filing_list.html"
    context_object_name = "filings"

    def get_queryset(self):
        queryset = Filing.objects.select_related("administration", "operator").order_by(
            "-satellites_filed", "name"
        )
        query = self.request.GET.get("q", "").strip()
        if query:
            queryset = queryset.filter(
                Q(name__icontains=query) | Q(operator__name__icontains=query)
                | Q(administration__name__icontains=query) | Q(reference__icontains=query)
            )
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filings = self.object_list
        context["query"] = self.request.GET.get("q", "")
        context["totals"] = filings.aggregate(
            filings=Count("pk"), satellites_filed=Sum("satellites_filed"),
            satellites_authorised=Sum("satellites_authorised"),
        )
        context["administrations"] = (
            filings.values("administration__name").annotate(n=Count("pk"), satellites=Sum("satellites_filed"))
            .order_by("-satellites")
        )
        return context


class FilingDetailView(DetailView):
    template_name = "filings/filing_detail.html"
    context_object_name = "filing"
    queryset = Filing.objects.select_related("administration", "operator", "constellation", "parent").prefetch_related(
        "shells", "sources", "milestone_conditions", "waivers", "modifications"
    )
