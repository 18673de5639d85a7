/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-mailboxes-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mr-a11y.h"
#include "mr-gui-util.h"
#include "mr-mailboxes-page.h"
#include "mr-page-loader.h"

struct _MrMailboxesPage
{
  AdwBin             parent_instance;

  GtkStack          *accounts_stack;
  GtkSpinner        *accounts_spinner;
  GtkLabel          *accounts_loading_label;
  AdwStatusPage     *accounts_error_page;
  GtkBox            *groups_box;
  GtkRevealer       *accounts_footer;
  GtkSpinner        *accounts_footer_spinner;
  GtkLabel          *accounts_footer_label;
  GtkActionBar      *selection_bar;
  GtkLabel          *selection_label;

  MrApiClient       *client;
  guint              page_size;
  gboolean           show_passwords;
  gboolean           cancelling;

  MrPageLoader       loader;
  GPtrArray         *accounts_list;   /* MrOrderedAccount*, owned, as shown */
  GPtrArray         *incoming;        /* MrOrderedAccount*, pages of a running load */
  GPtrArray         *groups;          /* MrAccountGroup*, borrowing accounts_list */
  GPtrArray         *shown;           /* MrOrderedAccount*, borrowed, display order */
  gboolean           accounts_loaded;
  gboolean           incoming_has_passwords;
  GHashTable        *selection;       /* email */
  GHashTable        *check_buttons;   /* email -> GtkCheckButton */
  GHashTable        *select_buttons;  /* domain -> GtkButton */
  GHashTable        *first_rows;      /* domain -> first row of its group */
  GtkSearchEntry    *search_entry;
  GtkLabel          *no_match_label;
  gboolean           syncing_checks;
  char              *focus_domain;
  char              *focus_email;     /* after cancelling: the next mailbox */
  gboolean           focus_after_cancel;

  /* as last notified */
  gboolean           busy;
  guint              n_selected;
  guint              n_accounts;
};

enum {
  PROP_0,
  PROP_BUSY,
  PROP_N_SELECTED,
  PROP_N_ACCOUNTS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MrMailboxesPage, mr_mailboxes_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static void load_page (MrMailboxesPage *self);

static void
notify_state (MrMailboxesPage *self)
{
  gboolean busy = mr_page_loader_is_active (&self->loader) || self->cancelling;
  guint n_selected = g_hash_table_size (self->selection);
  guint n_accounts = self->accounts_loaded ? self->accounts_list->len : 0;

  g_object_freeze_notify (G_OBJECT (self));

  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }

  if (n_selected != self->n_selected)
    {
      self->n_selected = n_selected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
    }

  if (n_accounts != self->n_accounts)
    {
      self->n_accounts = n_accounts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACCOUNTS]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static MrAccountGroup *
find_group (MrMailboxesPage *self,
            const char      *domain)
{
  if (self->groups == NULL || domain == NULL)
    return NULL;

  for (guint i = 0; i < self->groups->len; i++)
    {
      MrAccountGroup *group = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (group->domain, domain) == 0)
        return group;
    }

  return NULL;
}

static void
update_selection_ui (MrMailboxesPage *self)
{
  guint n = g_hash_table_size (self->selection);
  GHashTableIter iter;
  const char *domain;
  const char *email;
  GtkWidget *button;
  GtkWidget *check;

  if (n > 0)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("%u selected", "%u selected", n), n);

      gtk_label_set_text (self->selection_label, label);
    }
  gtk_action_bar_set_revealed (self->selection_bar, n > 0);

  g_hash_table_iter_init (&iter, self->select_buttons);
  while (g_hash_table_iter_next (&iter, (gpointer *) &domain, (gpointer *) &button))
    {
      MrAccountGroup *group = find_group (self, domain);
      gboolean all = group != NULL && mr_account_selection_has_group (self->selection, group);

      g_autofree char *name = NULL;

      gtk_button_set_label (GTK_BUTTON (button), all ? _("Deselect All") : _("Select All"));
      /* one per domain: the name says which. Newer GTK (4.18) labels a button by
       * its label widget, which would win over the name, so that goes */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      name = g_strdup_printf (all ? _("Deselect All Mailboxes of %s")
                                  : _("Select All Mailboxes of %s"), domain);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
    }

  self->syncing_checks = TRUE;
  g_hash_table_iter_init (&iter, self->check_buttons);
  while (g_hash_table_iter_next (&iter, (gpointer *) &email, (gpointer *) &check))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                 g_hash_table_contains (self->selection, email));
  self->syncing_checks = FALSE;

  notify_state (self);
}

static void
check_toggled_cb (GtkCheckButton  *check,
                  MrMailboxesPage *self)
{
  const char *email = g_object_get_data (G_OBJECT (check), "email");

  if (self->syncing_checks)
    return;

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->selection, g_strdup (email));
  else
    g_hash_table_remove (self->selection, email);

  update_selection_ui (self);
}

static char *
describe_group (MrAccountGroup *group)
{
  guint n_cancelled = group->accounts->len - group->n_active;
  g_autofree char *active = NULL;
  GString *text = g_string_new (NULL);

  if (mr_email_provider_is_valid (group->email_provider))
    {
      g_string_append (text, mr_email_provider_to_label (group->email_provider));
      g_string_append (text, " · ");
    }

  active = g_strdup_printf (ngettext ("%u active mailbox", "%u active mailboxes",
                                      group->n_active), group->n_active);
  g_string_append (text, active);

  if (n_cancelled > 0)
    {
      g_autofree char *cancelled = g_strdup_printf (ngettext ("%u cancelled",
                                                              "%u cancelled", n_cancelled),
                                                    n_cancelled);

      g_string_append (text, " · ");
      g_string_append (text, cancelled);
    }

  return g_string_free (text, FALSE);
}

static char *
describe_account (const MrOrderedAccount *account)
{
  g_autofree char *name = g_strjoin (" ", account->first_name ? account->first_name : "",
                                     account->last_name ? account->last_name : "", NULL);

  g_strstrip (name);

  if (account->cancelled)
    {
      g_autofree char *date = mr_format_date (account->timestamp_cancelled);

      if (date == NULL)
        return *name == '\0' ? g_strdup (_("Cancelled")) : g_strdup_printf ("%s · %s", name, _("Cancelled"));
      if (*name == '\0')
        return g_strdup_printf (_("Cancelled on %s"), date);
      return g_strdup_printf (_("%s · Cancelled on %s"), name, date);
    }

  if (*name == '\0')
    return g_strdup (_("Active"));

  return g_strdup_printf (_("%s · Active"), name);
}

static GtkWidget *
build_password (const char *password)
{
  GtkWidget *label;
  GtkWidget *box;

  label = g_object_new (GTK_TYPE_LABEL,
                        "label", *password != '\0' ? password : _("Not ready yet"),
                        "selectable", *password != '\0',
                        "valign", GTK_ALIGN_CENTER,
                        "tooltip-text", _("Password"),
                        NULL);
  gtk_widget_add_css_class (label, *password != '\0' ? "monospace" : "dim-label");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box),
                  g_object_new (GTK_TYPE_IMAGE,
                                "icon-name", "dialog-password-symbolic",
                                "tooltip-text", _("Password"),
                                NULL));
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

static GtkWidget *
build_account_row (MrMailboxesPage        *self,
                   const MrOrderedAccount *account)
{
  gboolean active = !account->cancelled;
  g_autofree char *subtitle = describe_account (account);
  g_autofree char *copy_label = g_strdup_printf (_("Copy %s"), account->email);
  g_autofree char *select_label = g_strdup_printf (_("Select %s"), account->email);
  GtkWidget *row;
  GtkWidget *check;
  GtkWidget *copy;

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", account->email,
                      "subtitle", subtitle,
                      "use-markup", FALSE,
                      NULL);

  check = g_object_new (GTK_TYPE_CHECK_BUTTON,
                        "valign", GTK_ALIGN_CENTER,
                        "sensitive", active,
                        NULL);
  if (active)
    {
      /* named by the row's title (its address), as the row's activatable widget */
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, select_label,
                                      -1);
      g_object_set_data_full (G_OBJECT (check), "email", g_strdup (account->email), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_hash_table_contains (self->selection, account->email));
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      g_hash_table_insert (self->check_buttons, g_strdup (account->email), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
    }
  else
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, select_label,
                                      -1);
      gtk_widget_set_tooltip_text (check, _("Already cancelled"));
      gtk_widget_add_css_class (row, "dim-label");
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);

  if (account->password != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), build_password (account->password));

  copy = g_object_new (GTK_TYPE_BUTTON,
                       "icon-name", "edit-copy-symbolic",
                       "valign", GTK_ALIGN_CENTER,
                       "tooltip-text", _("Copy Address"),
                       "action-name", "orders.copy-address",
                       "action-target", g_variant_new_string (account->email),
                       NULL);
  gtk_widget_add_css_class (copy, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);

  return row;
}

static GtkWidget *
build_order_more_row (MrAccountGroup *group)
{
  GtkWidget *row;
  gboolean microsoft = group->email_provider == MR_EMAIL_PROVIDER_MICROSOFT;
  g_autofree char *name = g_strdup_printf (_("Order More Mailboxes for %s"), group->domain);

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", _("Order More Mailboxes…"),
                      "use-underline", FALSE,
                      "activatable", TRUE,
                      "action-name", "orders.order-more",
                      "action-target", g_variant_new_string (group->domain),
                      NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("list-add-symbolic"));
  /* the name says which domain, instead of the title alone */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_widget_set_sensitive (row, group->n_active > 0 && !microsoft);
  if (microsoft)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 _("Microsoft domains cannot get extra mailboxes"));
  else if (group->n_active == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 _("This domain has no active mailboxes"));

  return row;
}

static GtkWidget *
build_group (MrMailboxesPage *self,
             MrAccountGroup  *group)
{
  GtkWidget *pref_group;
  GtkWidget *select_button;
  g_autofree char *title = g_markup_escape_text (group->domain, -1);
  g_autofree char *description = describe_group (group);

  pref_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (pref_group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (pref_group), description);

  select_button = g_object_new (GTK_TYPE_BUTTON,
                                "label", _("Select All"),
                                "valign", GTK_ALIGN_CENTER,
                                "action-name", "orders.select-domain",
                                "action-target", g_variant_new_string (group->domain),
                                NULL);
  gtk_widget_add_css_class (select_button, "flat");
  gtk_widget_set_sensitive (select_button, group->n_active > 0);
  g_hash_table_insert (self->select_buttons, g_strdup (group->domain), select_button);

  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (pref_group), select_button);

  for (guint i = 0; i < group->accounts->len; i++)
    {
      MrOrderedAccount *account = g_ptr_array_index (group->accounts, i);
      GtkWidget *row = build_account_row (self, account);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref_group), row);

      if (i == 0)
        g_hash_table_insert (self->first_rows, g_strdup (group->domain), row);
      g_ptr_array_add (self->shown, account);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref_group), build_order_more_row (group));

  return pref_group;
}

static void
focus_pending_domain (MrMailboxesPage *self)
{
  GtkWidget *row;

  if (self->focus_domain == NULL || !self->accounts_loaded)
    return;

  row = g_hash_table_lookup (self->first_rows, self->focus_domain);
  if (row != NULL)
    gtk_widget_grab_focus (row);

  g_clear_pointer (&self->focus_domain, g_free);
}

static gboolean
group_matches (MrAccountGroup *group,
               const char     *needle)
{
  g_autofree char *domain = NULL;

  if (needle == NULL || *needle == '\0')
    return TRUE;

  domain = g_utf8_casefold (group->domain, -1);
  if (strstr (domain, needle) != NULL)
    return TRUE;

  for (guint i = 0; i < group->accounts->len; i++)
    {
      MrOrderedAccount *account = g_ptr_array_index (group->accounts, i);
      g_autofree char *email = g_utf8_casefold (account->email, -1);

      if (strstr (email, needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Shows the groups whose domain or addresses hold the search text */
static void
apply_search (MrMailboxesPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autofree char *needle = g_utf8_casefold (text, -1);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box));
  guint n_shown = 0;

  for (guint i = 0; self->groups != NULL && i < self->groups->len && child != NULL; i++)
    {
      gboolean matches = group_matches (g_ptr_array_index (self->groups, i), needle);

      gtk_widget_set_visible (child, matches);
      n_shown += matches;
      child = gtk_widget_get_next_sibling (child);
    }

  if (n_shown == 0 && *text != '\0')
    {
      g_autofree char *message = g_strdup_printf (_("No mailbox matches “%s”"), text);

      gtk_label_set_text (self->no_match_label, message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_match_label), n_shown == 0 && *text != '\0');
}

static void
search_changed_cb (MrMailboxesPage *self)
{
  apply_search (self);
}

/* After cancelling, the keyboard stays in the list: on the next mailbox
 * still active, or the first one, or the search field */
static void
focus_pending_email (MrMailboxesPage *self)
{
  GtkWidget *target = NULL;

  if (!self->focus_after_cancel || !self->accounts_loaded)
    return;

  if (self->focus_email != NULL)
    target = g_hash_table_lookup (self->check_buttons, self->focus_email);

  for (guint i = 0; target == NULL && i < self->shown->len; i++)
    {
      MrOrderedAccount *account = g_ptr_array_index (self->shown, i);

      target = g_hash_table_lookup (self->check_buttons, account->email);
    }

  gtk_widget_grab_focus (target != NULL ? target : GTK_WIDGET (self->search_entry));

  self->focus_after_cancel = FALSE;
  g_clear_pointer (&self->focus_email, g_free);
}

static void
rebuild (MrMailboxesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  g_hash_table_remove_all (self->check_buttons);
  g_hash_table_remove_all (self->select_buttons);
  g_hash_table_remove_all (self->first_rows);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_ptr_array_set_size (self->shown, 0);

  mr_account_selection_prune (self->selection, self->accounts_list);
  self->groups = mr_account_groups_build (self->accounts_list);

  for (guint i = 0; i < self->groups->len; i++)
    gtk_box_append (self->groups_box, build_group (self, g_ptr_array_index (self->groups, i)));

  apply_search (self);
  update_selection_ui (self);
}

static void
update_ui (MrMailboxesPage *self)
{
  gboolean loading = mr_page_loader_is_active (&self->loader);
  g_autofree char *notice = mr_page_loader_describe_wait (&self->loader);
  const char *footer = NULL;
  const char *state;

  if (self->client == NULL)
    state = "loading";
  else if (!self->accounts_loaded)
    state = self->loader.error != NULL ? "error" : "loading";
  else if (self->accounts_list->len == 0)
    state = "empty";
  else
    state = "list";

  mr_paged_list_show_state (self->accounts_stack, state,
                            self->accounts_spinner, self->accounts_loading_label,
                            notice, _("Loading mailboxes…"),
                            self->accounts_error_page, self->loader.error);

  if (g_str_equal (state, "list") && (loading || self->cancelling))
    {
      footer = notice;
      if (footer == NULL)
        footer = self->cancelling ? _("Cancelling mailboxes…") : _("Updating mailboxes…");
    }

  mr_paged_list_show_footer (self->accounts_footer, self->accounts_footer_spinner,
                             self->accounts_footer_label, footer, TRUE);

  notify_state (self);
}

static void
accounts_page_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MrPageRequest) request = user_data;
  MrMailboxesPage *self = request->owner;
  g_autoptr(MrPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = mr_api_client_list_accounts_finish (MR_API_CLIENT (source), result, &error);
  if (page != NULL && !self->incoming_has_passwords)
    mr_ordered_accounts_wipe_passwords (page->items);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      if (!mr_page_loader_fail (&self->loader, request->generation, error))
        return;

      if (self->loader.error != NULL)
        {
          g_clear_pointer (&self->incoming, mr_ordered_accounts_free);

          if (self->accounts_loaded)
            {
              g_autofree char *message = g_strdup_printf (_("Could not update the mailboxes. %s"),
                                                          self->loader.error);

              mr_show_toast (GTK_WIDGET (self), message);
            }
        }

      update_ui (self);
      return;
    }

  if (!mr_page_loader_finish (&self->loader, request->generation, page))
    return;

  mr_pager_collect_accounts (self->loader.pager, page, self->incoming);

  if (!mr_pager_is_done (self->loader.pager))
    {
      load_page (self);
      return;
    }

  g_clear_pointer (&self->accounts_list, mr_ordered_accounts_free);
  self->accounts_list = g_steal_pointer (&self->incoming);
  self->accounts_loaded = TRUE;

  rebuild (self);
  update_ui (self);
  focus_pending_domain (self);
  focus_pending_email (self);
}

static void
load_page (MrMailboxesPage *self)
{
  const char *cursor = NULL;
  guint generation;

  if (self->client == NULL || !mr_pager_can_load (self->loader.pager))
    return;

  if (self->incoming == NULL)
    self->incoming = mr_ordered_accounts_new ();

  generation = mr_page_loader_begin (&self->loader, &cursor);
  mr_api_client_list_accounts_async (self->client, self->page_size, cursor,
                                     self->incoming_has_passwords,
                                     self->loader.cancellable, accounts_page_cb,
                                     mr_page_request_new (self, generation));
  update_ui (self);
}

static void
loader_load_cb (gpointer owner)
{
  load_page (owner);
}

static void
loader_changed_cb (gpointer owner)
{
  update_ui (owner);
}

static void
mr_mailboxes_page_dispose (GObject *object)
{
  MrMailboxesPage *self = (MrMailboxesPage *) object;

  mr_page_loader_stop (&self->loader);

  gtk_widget_dispose_template (GTK_WIDGET (self), MR_TYPE_MAILBOXES_PAGE);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (mr_mailboxes_page_parent_class)->dispose (object);
}

static void
mr_mailboxes_page_finalize (GObject *object)
{
  MrMailboxesPage *self = (MrMailboxesPage *) object;

  mr_page_loader_clear (&self->loader);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->incoming, mr_ordered_accounts_free);
  g_clear_pointer (&self->accounts_list, mr_ordered_accounts_free);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->check_buttons, g_hash_table_unref);
  g_clear_pointer (&self->select_buttons, g_hash_table_unref);
  g_clear_pointer (&self->first_rows, g_hash_table_unref);
  g_clear_pointer (&self->focus_email, g_free);
  g_clear_pointer (&self->focus_domain, g_free);

  G_OBJECT_CLASS (mr_mailboxes_page_parent_class)->finalize (object);
}

static void
mr_mailboxes_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MrMailboxesPage *self = MR_MAILBOXES_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_N_SELECTED:
      g_value_set_uint (value, self->n_selected);
      break;

    case PROP_N_ACCOUNTS:
      g_value_set_uint (value, self->n_accounts);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_mailboxes_page_class_init (MrMailboxesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_mailboxes_page_dispose;
  object_class->finalize = mr_mailboxes_page_finalize;
  object_class->get_property = mr_mailboxes_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ACCOUNTS] =
    g_param_spec_uint ("n-accounts", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mailroom/Mailroom/mr-mailboxes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrMailboxesPage, accounts_stack);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxesPage, accounts_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxesPage, accounts_loading_label);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxesPage, accounts_error_page);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxesPage, groups_box);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxesPage, accounts_footer);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxesPage, accounts_footer_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxesPage, accounts_footer_label);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxesPage, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxesPage, no_match_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, MrMailboxesPage, selection_label);
}

static void
mr_mailboxes_page_init (MrMailboxesPage *self)
{
  self->page_size = 50;
  mr_page_loader_init (&self->loader, self, loader_load_cb, loader_changed_cb);
  self->loader.max_retry_wait = 300;

  self->accounts_list = mr_ordered_accounts_new ();
  self->shown = g_ptr_array_new ();
  self->selection = mr_account_selection_new ();
  self->check_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->select_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->first_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  update_ui (self);

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_fix_template (GTK_WIDGET (self));
}

GtkWidget *
mr_mailboxes_page_new (void)
{
  return g_object_new (MR_TYPE_MAILBOXES_PAGE, NULL);
}

void
mr_mailboxes_page_set_client (MrMailboxesPage *self,
                              MrApiClient     *client)
{
  g_return_if_fail (MR_IS_MAILBOXES_PAGE (self));
  g_return_if_fail (!client || MR_IS_API_CLIENT (client));

  g_set_object (&self->client, client);
  mr_page_loader_stop (&self->loader);
  g_ptr_array_set_size (self->accounts_list, 0);
  self->accounts_loaded = FALSE;
  g_hash_table_remove_all (self->selection);
  rebuild (self);
  update_ui (self);
}

void
mr_mailboxes_page_set_page_size (MrMailboxesPage *self,
                                 guint            page_size)
{
  g_return_if_fail (MR_IS_MAILBOXES_PAGE (self));

  self->page_size = page_size;
}

void
mr_mailboxes_page_set_max_retry_wait (MrMailboxesPage *self,
                                      guint            seconds)
{
  g_return_if_fail (MR_IS_MAILBOXES_PAGE (self));

  self->loader.max_retry_wait = seconds;
}

void
mr_mailboxes_page_set_show_passwords (MrMailboxesPage *self,
                                      gboolean         show)
{
  g_return_if_fail (MR_IS_MAILBOXES_PAGE (self));

  show = !!show;
  if (self->show_passwords == show)
    return;

  self->show_passwords = show;

  if (show)
    {
      mr_mailboxes_page_reload (self);
      return;
    }

  mr_ordered_accounts_wipe_passwords (self->accounts_list);
  if (self->incoming_has_passwords && mr_page_loader_is_active (&self->loader))
    mr_mailboxes_page_reload (self);
  rebuild (self);
}

void
mr_mailboxes_page_reload (MrMailboxesPage *self)
{
  g_return_if_fail (MR_IS_MAILBOXES_PAGE (self));

  mr_page_loader_reset (&self->loader);
  g_clear_pointer (&self->incoming, mr_ordered_accounts_free);
  self->incoming_has_passwords = self->show_passwords;

  if (self->client == NULL)
    {
      g_ptr_array_set_size (self->accounts_list, 0);
      self->accounts_loaded = FALSE;
      rebuild (self);
    }
  else
    {
      load_page (self);
    }

  update_ui (self);
}

void
mr_mailboxes_page_set_cancelling (MrMailboxesPage *self,
                                  gboolean         cancelling)
{
  g_return_if_fail (MR_IS_MAILBOXES_PAGE (self));

  self->cancelling = !!cancelling;
  update_ui (self);
}

gboolean
mr_mailboxes_page_get_busy (MrMailboxesPage *self)
{
  g_return_val_if_fail (MR_IS_MAILBOXES_PAGE (self), FALSE);

  return self->busy;
}

GPtrArray *
mr_mailboxes_page_get_loaded_accounts (MrMailboxesPage *self)
{
  g_return_val_if_fail (MR_IS_MAILBOXES_PAGE (self), NULL);

  return self->accounts_loaded ? self->accounts_list : NULL;
}

GPtrArray *
mr_mailboxes_page_get_accounts (MrMailboxesPage *self)
{
  g_return_val_if_fail (MR_IS_MAILBOXES_PAGE (self), NULL);

  return self->shown;
}

int
mr_mailboxes_page_get_domain_provider (MrMailboxesPage *self,
                                       const char      *domain)
{
  MrAccountGroup *group;

  g_return_val_if_fail (MR_IS_MAILBOXES_PAGE (self), 0);

  group = find_group (self, domain);

  return group != NULL ? (int) group->email_provider : 0;
}

void
mr_mailboxes_page_focus_domain (MrMailboxesPage *self,
                                const char      *domain)
{
  g_return_if_fail (MR_IS_MAILBOXES_PAGE (self));

  g_free (self->focus_domain);
  self->focus_domain = g_strdup (domain);
  /* the mailboxes of that order, and only those */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), domain != NULL ? domain : "");
  apply_search (self);
  focus_pending_domain (self);
}

const char *
mr_mailboxes_page_get_state (MrMailboxesPage *self)
{
  g_return_val_if_fail (MR_IS_MAILBOXES_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->accounts_stack);
}

const char *
mr_mailboxes_page_get_notice (MrMailboxesPage *self)
{
  g_return_val_if_fail (MR_IS_MAILBOXES_PAGE (self), NULL);

  return mr_paged_list_get_notice (self->accounts_stack, self->accounts_loading_label,
                                   self->accounts_footer, self->accounts_footer_label);
}

gboolean
mr_mailboxes_page_set_account_selected (MrMailboxesPage *self,
                                        const char      *email,
                                        gboolean         selected)
{
  GtkWidget *check;

  g_return_val_if_fail (MR_IS_MAILBOXES_PAGE (self), FALSE);
  g_return_val_if_fail (email != NULL, FALSE);

  check = g_hash_table_lookup (self->check_buttons, email);
  if (check == NULL)
    return FALSE;

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), selected);

  return TRUE;
}

void
mr_mailboxes_page_toggle_domain (MrMailboxesPage *self,
                                 const char      *domain)
{
  MrAccountGroup *group;

  g_return_if_fail (MR_IS_MAILBOXES_PAGE (self));

  group = find_group (self, domain);
  if (group == NULL)
    return;

  if (mr_account_selection_has_group (self->selection, group))
    {
      for (guint i = 0; i < group->accounts->len; i++)
        {
          const MrOrderedAccount *account = g_ptr_array_index (group->accounts, i);

          g_hash_table_remove (self->selection, account->email);
        }
    }
  else
    {
      mr_account_selection_add_group (self->selection, group);
    }

  update_selection_ui (self);
}

void
mr_mailboxes_page_focus_after_cancel (MrMailboxesPage    *self,
                                      const char * const *emails)
{
  gint last = -1;

  g_return_if_fail (MR_IS_MAILBOXES_PAGE (self));
  g_return_if_fail (emails != NULL);

  for (guint i = 0; i < self->shown->len; i++)
    {
      MrOrderedAccount *account = g_ptr_array_index (self->shown, i);

      if (g_strv_contains (emails, account->email))
        last = i;
    }

  g_clear_pointer (&self->focus_email, g_free);
  for (guint i = last + 1; i < self->shown->len; i++)
    {
      MrOrderedAccount *account = g_ptr_array_index (self->shown, i);

      if (!account->cancelled && !g_strv_contains (emails, account->email))
        {
          self->focus_email = g_strdup (account->email);
          break;
        }
    }
  self->focus_after_cancel = TRUE;
}

void
mr_mailboxes_page_select_none (MrMailboxesPage *self)
{
  g_return_if_fail (MR_IS_MAILBOXES_PAGE (self));

  g_hash_table_remove_all (self->selection);
  update_selection_ui (self);
}

GStrv
mr_mailboxes_page_get_selected (MrMailboxesPage *self)
{
  g_return_val_if_fail (MR_IS_MAILBOXES_PAGE (self), NULL);

  return mr_account_selection_to_strv (self->selection, self->shown);
}
