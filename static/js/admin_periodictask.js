/* django-celery-beat's periodic task form: show the chosen crontab in words under the crontab field.
 * (The package does this with an inline script; see templates/admin/djcelery/change_periodictask_form.html.) */
(function () {
  "use strict";
  var $ = django.jQuery;
  var readable = JSON.parse(document.getElementById("readable-crontabs").textContent);
  var help = $(".field-crontab .help").first();
  var original = help.html();
  $(".field-crontab_translation").hide();
  $(".field-crontab").change(function () {
    var words = readable[$("#id_crontab").val()];
    help.html(original).append("<br>", document.createTextNode("Translation: " + (words === undefined ? "" : words)));
  });
})();
