/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-demo-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-compare-window.h"
#include "mr-demo-actions.h"
#include "mr-demo-pricing-window.h"
#include "mr-demo-state.h"
#include "mr-message-dialog.h"
#include "mr-orders-view.h"
#include "mr-presentation-window.h"
#include "mr-quote-export.h"

/* The app actions for demoing and sharing a quote: demo prices, Reset
 * Demo, sample orders, compare, presentation, PDF/CSV export and copy.
 * They act on the active ordering window. */

static MrWindow *
find_window (GtkApplication *app)
{
  GtkWindow *active = gtk_application_get_active_window (app);

  if (MR_IS_WINDOW (active))
    return MR_WINDOW (active);

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      if (MR_IS_WINDOW (l->data))
        return l->data;
      if (GTK_IS_WINDOW (l->data) && MR_IS_WINDOW (gtk_window_get_transient_for (l->data)))
        return MR_WINDOW (gtk_window_get_transient_for (l->data));
    }

  return NULL;
}

static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_toast_overlay (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
toast (MrWindow   *window,
       const char *text)
{
  AdwToastOverlay *overlay = window != NULL ? find_toast_overlay (GTK_WIDGET (window)) : NULL;

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (text));
  else
    g_message ("%s", text);
}

MrQuoteSheet *
mr_demo_get_window_sheet (MrWindow *window)
{
  MrQuote *quote;
  MrApplication *app;

  g_return_val_if_fail (MR_IS_WINDOW (window), NULL);

  quote = mr_order_session_get_quote (mr_window_get_session (window));
  if (quote == NULL || mr_order_get_n_items (mr_window_get_order (window)) == 0)
    return NULL;

  app = MR_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

  return mr_quote_sheet_new (quote, mr_order_get_order_type (mr_window_get_order (window)),
                             app != NULL && mr_application_get_demo_mode (app), NULL);
}

void
mr_demo_requote_all (GtkApplication *app)
{
  g_return_if_fail (GTK_IS_APPLICATION (app));

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      MrQuoteScheduler *scheduler;

      if (!MR_IS_WINDOW (l->data) || mr_order_get_n_items (mr_window_get_order (l->data)) == 0)
        continue;

      scheduler = mr_order_session_get_scheduler (mr_window_get_session (l->data));
      if (scheduler != NULL)
        mr_quote_scheduler_refresh (scheduler);
    }
}

/* Sample orders */

static const char * const brand_words[] = {
  "northwind", "brightpath", "bluepeak", "summitlane", "clearwave", "oakridge", "silverline",
  "redwood", "harborview", "keystone", "lumenly", "fieldstone", "cobaltbay", "pinecrest",
  "maplewood", "sunharbor", "ironbridge", "stillwater", "westbrook", "goldleaf",
};
static const char * const brand_suffixes[] = {
  "mail", "hq", "team", "reach", "group", "works", "labs", "direct",
};
static const char * const first_names[] = {
  "Ada", "Alan", "Grace", "Katherine", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances",
};
static const char * const last_names[] = {
  "Lovelace", "Turing", "Hopper", "Johnson", "Torvalds", "Hamilton", "Ritchie", "Liskov",
  "Thompson", "Allen",
};

static char *
people (guint n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s %s", i > 0 ? ", " : "",
                            first_names[i % G_N_ELEMENTS (first_names)],
                            last_names[(i / G_N_ELEMENTS (first_names) + i) % G_N_ELEMENTS (last_names)]);

  return g_string_free (out, FALSE);
}

typedef struct
{
  GPtrArray *candidates;   /* char*, in the order they are tried */
  GPtrArray *chosen;       /* char*, taken from candidates */
  guint      n_domains;
} Sample;

/* on the simulator's thread: one call for all the candidates */
static void
choose_available_cb (MrSimServer *server,
                     gpointer     user_data)
{
  Sample *sample = user_data;

  for (guint i = 0; i < sample->candidates->len && sample->chosen->len < sample->n_domains; i++)
    {
      const char *domain = g_ptr_array_index (sample->candidates, i);

      if (server == NULL || mr_sim_server_is_available (server, domain))
        g_ptr_array_add (sample->chosen, g_strdup (domain));
    }
}

MrOrder *
mr_demo_make_sample (MrSimThread     *sim,
                     MrEmailProvider  provider,
                     guint            n_domains,
                     guint            n_mailboxes)
{
  g_autoptr(MrOrder) order = mr_order_new (MR_ORDER_TYPE_DFY);
  g_autofree char *names = people (n_mailboxes);
  guint start = g_random_int_range (0, G_N_ELEMENTS (brand_words) * G_N_ELEMENTS (brand_suffixes));
  guint n_candidates = G_N_ELEMENTS (brand_words) * G_N_ELEMENTS (brand_suffixes) * 2;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_free);
  Sample sample = { candidates, chosen, n_domains };

  g_return_val_if_fail (sim == NULL || MR_IS_SIM_THREAD (sim), NULL);

  for (guint c = 0; c < n_candidates; c++)
    {
      guint i = (start + c) % n_candidates;
      guint word = i % G_N_ELEMENTS (brand_words);
      guint suffix = (i / G_N_ELEMENTS (brand_words)) % G_N_ELEMENTS (brand_suffixes);
      const char *tld = i < n_candidates / 2 ? "com" : "org";

      g_ptr_array_add (candidates, g_strdup_printf ("%s%s.%s", brand_words[word],
                                                    brand_suffixes[suffix], tld));
    }

  if (sim != NULL)
    mr_sim_thread_call (sim, choose_available_cb, &sample);
  else
    choose_available_cb (NULL, &sample);

  for (guint i = 0; i < chosen->len; i++)
    {
      g_autoptr(MrOrderItem) item = mr_order_item_new (g_ptr_array_index (chosen, i));

      mr_order_item_set_email_provider (item, provider);
      mr_order_item_add_from_names (item, names);
      mr_order_append_item (order, item);
    }

  return g_steal_pointer (&order);
}

static void
prewarmed_sample_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(MrWindow) window = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  g_autoptr(MrOrder) order = NULL;

  g_weak_ref_clear (ref);
  g_free (ref);

  domains = mr_api_client_prewarmed_domains_finish (MR_API_CLIENT (source), result, &error);
  if (window == NULL)
    return;

  if (domains == NULL || domains->len == 0)
    {
      g_autofree char *text = error != NULL ? mr_api_error_describe (error)
                                            : g_strdup (_("No pre-warmed domains are available"));

      toast (window, text);
      return;
    }

  order = mr_order_new (MR_ORDER_TYPE_PRE_WARMED_UP);
  for (guint i = 0; i < MIN (domains->len, 3); i++)
    {
      MrPrewarmedDomain *domain = g_ptr_array_index (domains, i);
      g_autoptr(MrOrderItem) item = mr_order_item_new (domain->domain);

      if (domain->has_account_type && mr_email_provider_is_valid (domain->account_type))
        mr_order_item_set_email_provider (item, domain->account_type);
      mr_order_append_item (order, item);
    }

  mr_order_assign (mr_window_get_order (window), order);
}

void
mr_demo_load_sample (MrWindow   *window,
                     const char *sample)
{
  MrApplication *app;
  MrOrder *order;
  g_autoptr(MrOrder) made = NULL;
  MrEmailProvider provider = MR_EMAIL_PROVIDER_GOOGLE;
  guint n_domains, n_mailboxes;

  g_return_if_fail (MR_IS_WINDOW (window));
  g_return_if_fail (sample != NULL);

  app = MR_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  order = mr_window_get_order (window);

  if (g_str_equal (sample, "pre-warmed"))
    {
      MrApiClient *client = mr_application_get_client (app);
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, window);
      if (client == NULL)
        {
          g_weak_ref_clear (ref);
          g_free (ref);
          return;
        }
      mr_api_client_prewarmed_domains_async (client, NULL, NULL, NULL, prewarmed_sample_cb, ref);
      return;
    }

  if (g_str_equal (sample, "google-5x3"))
    n_domains = 5, n_mailboxes = 3;
  else if (g_str_equal (sample, "google-50x5"))
    n_domains = 50, n_mailboxes = 5;
  else if (g_str_equal (sample, "microsoft-10x50"))
    n_domains = 10, n_mailboxes = 50, provider = MR_EMAIL_PROVIDER_MICROSOFT;
  else
    {
      g_warning ("Unknown sample order %s", sample);
      return;
    }

  made = mr_demo_make_sample (mr_application_get_sim (app), provider, n_domains, n_mailboxes);
  mr_order_assign (order, made);
}

/* Actions */

static void
pricing_changed_cb (GtkApplication *app)
{
  mr_demo_requote_all (app);
}

static void
demo_prices_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  MrApplication *app = user_data;
  MrSimThread *sim = mr_application_get_sim (app);
  MrWindow *window = find_window (GTK_APPLICATION (app));
  GtkWidget *dialog;

  if (sim == NULL)
    return;

  dialog = mr_demo_pricing_window_new (sim);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (app));
  if (window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  g_signal_connect_object (dialog, "changed", G_CALLBACK (pricing_changed_cb), app, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
find_orders_view (GtkWidget *widget)
{
  if (MR_IS_ORDERS_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_orders_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
mr_demo_reset (MrApplication *app)
{
  MrSimThread *sim;

  g_return_if_fail (MR_IS_APPLICATION (app));

  sim = mr_application_get_sim (app);
  if (sim == NULL)
    return;

  mr_demo_state_reset (sim);
  mr_demo_requote_all (GTK_APPLICATION (app));

  /* the order history shown must not keep what the demo forgot */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      GtkWidget *orders = GTK_IS_WIDGET (l->data) ? find_orders_view (l->data) : NULL;

      if (orders != NULL)
        gtk_widget_activate_action (orders, "orders.refresh", NULL);
    }
}

static void
reset_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MrApplication    *app)
{
  if (g_strcmp0 (response, "reset") != 0)
    return;

  mr_demo_reset (app);
  toast (find_window (GTK_APPLICATION (app)), _("The demo was reset"));
}

static void
reset_demo_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  MrApplication *app = user_data;
  MrWindow *window = find_window (GTK_APPLICATION (app));
  GtkWidget *dialog;

  dialog = mr_message_dialog_new (window != NULL ? GTK_WINDOW (window) : NULL, _("Reset the Demo?"),
                                  _("Every demo order and mailbox is removed and the demo prices "
                                    "return to the defaults. Real orders are not affected."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reset", _("_Reset Demo"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (reset_response_cb), app, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
demo_sample_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  MrWindow *window = find_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    mr_demo_load_sample (window, g_variant_get_string (parameter, NULL));
}

static void
compare_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  MrWindow *window = find_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_window_present (GTK_WINDOW (mr_compare_window_new (window)));
}

static void
present_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  MrWindow *window = find_window (GTK_APPLICATION (user_data));
  GtkWidget *presentation;

  /* F11 in the presentation itself toggles full screen */
  if (MR_IS_PRESENTATION_WINDOW (active))
    {
      gtk_widget_activate_action (GTK_WIDGET (active), "presentation.fullscreen", NULL);
      return;
    }

  if (window == NULL)
    return;

  presentation = mr_presentation_window_new (window);
  gtk_window_fullscreen (GTK_WINDOW (presentation));
  gtk_window_present (GTK_WINDOW (presentation));
}

static MrQuoteSheet *
sheet_or_toast (MrWindow *window)
{
  MrQuoteSheet *sheet = window != NULL ? mr_demo_get_window_sheet (window) : NULL;

  if (sheet == NULL && window != NULL)
    toast (window, _("The order has no price yet"));

  return sheet;
}

static void
copy_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MrWindow *window = find_window (GTK_APPLICATION (user_data));
  g_autoptr(MrQuoteSheet) sheet = sheet_or_toast (window);
  gboolean markdown = g_str_equal (g_action_get_name (G_ACTION (action)), "copy-quote-markdown");

  if (sheet == NULL)
    return;

  mr_quote_export_copy (GTK_WIDGET (window), sheet, markdown);
  toast (window, markdown ? _("Quote copied as Markdown") : _("Quote copied as text"));
}

typedef struct
{
  GWeakRef      window;
  MrQuoteSheet *sheet;
  gboolean      pdf;
} Export;

static void
export_free (Export *export)
{
  g_weak_ref_clear (&export->window);
  mr_quote_sheet_unref (export->sheet);
  g_free (export);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    Export          *export)
{
  g_autoptr(MrWindow) window = g_weak_ref_get (&export->window);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path != NULL)
    {
      gboolean ok = export->pdf ? mr_quote_export_pdf (export->sheet, path, &error)
                                : mr_quote_export_csv (export->sheet, path, &error);

      if (window != NULL)
        toast (window, ok ? (export->pdf ? _("Quote saved as PDF") : _("Quote saved as CSV"))
                          : error->message);
    }

  export_free (export);
  g_object_unref (chooser);
}

static void
export_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  MrWindow *window = find_window (GTK_APPLICATION (user_data));
  g_autoptr(MrQuoteSheet) sheet = sheet_or_toast (window);
  gboolean pdf = g_str_equal (g_action_get_name (G_ACTION (action)), "export-quote-pdf");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  GtkFileChooserNative *chooser;
  Export *export;

  if (sheet == NULL)
    return;

  export = g_new0 (Export, 1);
  g_weak_ref_init (&export->window, window);
  export->sheet = mr_quote_sheet_ref (sheet);
  export->pdf = pdf;

  chooser = gtk_file_chooser_native_new (pdf ? _("Save Quote as PDF") : _("Save Quote as CSV"),
                                         GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("CSV files"));
  gtk_file_filter_add_suffix (filter, pdf ? "pdf" : "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  date = g_date_time_format (sheet->created, "%Y-%m-%d");
  /* Translators: a file name; keep it short, without slashes */
  name = g_strdup_printf ("%s %s.%s", _("Quote"), date, pdf ? "pdf" : "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
demo_mode_changed_cb (MrApplication *app)
{
  gboolean demo = mr_application_get_demo_mode (app) && mr_application_get_sim (app) != NULL;
  const char *demo_only[] = { "demo-prices", "reset-demo", "demo-sample" };

  for (guint i = 0; i < G_N_ELEMENTS (demo_only); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (app), demo_only[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), demo);
    }
}

void
mr_demo_actions_install (MrApplication *app)
{
  static const GActionEntry entries[] = {
    { "demo-prices", demo_prices_activated, NULL, NULL, NULL, { 0 } },
    { "reset-demo", reset_demo_activated, NULL, NULL, NULL, { 0 } },
    { "demo-sample", demo_sample_activated, "s", NULL, NULL, { 0 } },
    { "compare", compare_activated, NULL, NULL, NULL, { 0 } },
    { "present", present_activated, NULL, NULL, NULL, { 0 } },
    { "copy-quote-text", copy_activated, NULL, NULL, NULL, { 0 } },
    { "copy-quote-markdown", copy_activated, NULL, NULL, NULL, { 0 } },
    { "export-quote-pdf", export_activated, NULL, NULL, NULL, { 0 } },
    { "export-quote-csv", export_activated, NULL, NULL, NULL, { 0 } },
  };
  static const char * const present_accels[] = { "F11", NULL };

  g_return_if_fail (MR_IS_APPLICATION (app));

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.present", present_accels);

  g_signal_connect (app, "notify::demo-mode", G_CALLBACK (demo_mode_changed_cb), NULL);
  g_signal_connect (app, "notify::client", G_CALLBACK (demo_mode_changed_cb), NULL);
  demo_mode_changed_cb (app);
}

GMenuModel *
mr_demo_menu_new (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) quote = g_menu_new ();
  g_autoptr(GMenu) share = g_menu_new ();
  g_autoptr(GMenu) demo = g_menu_new ();
  g_autoptr(GMenu) samples = g_menu_new ();

  g_menu_append (quote, _("_Compare Providers"), "app.compare");
  g_menu_append (quote, _("_Present Quote"), "app.present");
  g_menu_append (share, _("Save Quote as _PDF…"), "app.export-quote-pdf");
  g_menu_append (share, _("Save Quote as C_SV…"), "app.export-quote-csv");
  g_menu_append (share, _("Copy Quote as _Text"), "app.copy-quote-text");
  g_menu_append (share, _("Copy Quote as _Markdown"), "app.copy-quote-markdown");
  g_menu_append_section (quote, NULL, G_MENU_MODEL (share));
  g_menu_append_submenu (menu, _("_Quote"), G_MENU_MODEL (quote));

  g_menu_append (samples, _("5 Domains × 3 Google Mailboxes"), "app.demo-sample::google-5x3");
  g_menu_append (samples, _("50 Domains × 5 Google Mailboxes"), "app.demo-sample::google-50x5");
  g_menu_append (samples, _("10 Domains × 50 Microsoft Mailboxes"), "app.demo-sample::microsoft-10x50");
  g_menu_append (samples, _("3 Pre-warmed Domains"), "app.demo-sample::pre-warmed");
  g_menu_append (demo, _("Demo _Prices…"), "app.demo-prices");
  g_menu_append_submenu (demo, _("_Sample Order"), G_MENU_MODEL (samples));
  g_menu_append (demo, _("_Reset Demo…"), "app.reset-demo");
  g_menu_append_submenu (menu, _("_Demo"), G_MENU_MODEL (demo));

  return G_MENU_MODEL (menu);
}
