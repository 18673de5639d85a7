/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-account-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mr-a11y.h"
#include "mr-account-editor.h"
#include "mr-delete-shortcut.h"
#include "mr-empty-page.h"
#include "mr-gui-util.h"
#include "mr-mailbox-row.h"

struct _MrAccountEditor
{
  AdwBin            parent_instance;

  MrOrderItem      *item;
  char             *item_domain;        /* normalised, for matching problems */
  MrOrderType       order_type;
  GPtrArray        *problems;           /* MrProblem* of the whole order */
  MrOrderSession   *session;            /* owned, nullable: told when a field is left */
  MrEmailProvider   providers[3];       /* what each entry of the combo row means */
  guint             n_providers;
  gboolean          syncing;

  GtkStack         *stack;
  /* the form page and its widgets: NULL until the editor first shows a
   * domain (ensure_form) */
  GtkWidget        *form;
  GtkLabel         *title_label;
  GtkWidget        *domain_problem_box;
  GtkLabel         *domain_problem_label;
  AdwPreferencesGroup *settings_group;
  AdwComboRow      *provider_row;
  GtkEntry         *forwarding_row;
  GtkWidget        *settings_problem_box;
  GtkLabel         *settings_problem_label;
  GtkWidget        *prewarmed_box;
  AdwPreferencesGroup *mailboxes_group;
  GtkLabel         *count_label;
  GtkListBox       *mailbox_list;
  GtkWidget        *mailbox_problem_box;
  GtkLabel         *mailbox_problem_label;
  GtkListBox       *actions_list;
  AdwActionRow     *add_row;
  GtkEntry         *fill_row;
  GtkWidget        *limit_box;
  GtkLabel         *limit_label;

  GPtrArray        *preloaded;          /* GtkIconPaintable*, drawn once */
  guint             preload_id;

  /* the form made ahead of need, once the window has painted (prebuild) */
  GdkFrameClock    *prebuild_clock;
  gulong            prebuild_paint_id;
  guint             prebuild_id;
};

enum {
  PROP_0,
  PROP_ITEM,
  PROP_ORDER_TYPE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (MrAccountEditor, mr_account_editor, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static char *
normalize_domain (const char *domain)
{
  return domain != NULL ? mr_domain_key (domain) : NULL;
}

static gboolean
problem_is_for_item (MrAccountEditor *self,
                     const MrProblem *problem)
{
  g_autofree char *domain = NULL;

  if (self->item == NULL || problem->domain == NULL)
    return FALSE;

  if (g_strcmp0 (problem->domain, mr_order_item_get_domain (self->item)) == 0)
    return TRUE;

  domain = normalize_domain (problem->domain);

  return g_strcmp0 (domain, self->item_domain) == 0;
}

static gboolean
problem_names_account (const MrProblem *problem,
                       MrAccount       *account)
{
  const char *prefix = mr_account_get_email_address_prefix (account);

  if (problem->account != NULL)
    return problem->account == account;

  if (problem->account_prefix == NULL)
    return FALSE;

  return g_ascii_strcasecmp (problem->account_prefix, prefix != NULL ? prefix : "") == 0;
}

/* What a part of the form says about its problems: the short sentences
 * on screen, under the domain's own heading, and the whole ones (naming
 * the domain) for a screen reader, which may reach the label alone */
typedef struct
{
  GString *shown;
  GString *whole;
} ProblemText;

static void
problem_text_clear (ProblemText *text)
{
  g_string_free (text->shown, TRUE);
  g_string_free (text->whole, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ProblemText, problem_text_clear)

static void
show_problem_text (GtkWidget   *box,
                   GtkLabel    *label,
                   ProblemText *text)
{
  gtk_label_set_label (label, text->shown->str);
  gtk_widget_set_visible (box, text->shown->len > 0);

  if (text->whole->len > 0 && !g_str_equal (text->whole->str, text->shown->str))
    gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->whole->str,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
append_line (GString    *text,
             const char *line)
{
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, line);
}

static void
append_message (ProblemText *text,
                MrProblem   *problem)
{
  const char *shown = mr_problem_get_text (problem, TRUE);
  const char *whole = problem->message;

  if (shown == NULL || shown[0] == '\0')
    shown = problem->detail;
  if (shown == NULL || shown[0] == '\0')
    shown = _("Something is wrong with this domain.");
  if (whole == NULL || whole[0] == '\0')
    whole = shown;

  append_line (text->shown, shown);
  append_line (text->whole, whole);
}

static void
apply_row_problems (MrAccountEditor *self,
                    MrMailboxRow    *row)
{
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  MrAccount *account = mr_mailbox_row_get_account (row);

  for (guint i = 0; self->problems != NULL && i < self->problems->len; i++)
    {
      const MrProblem *problem = g_ptr_array_index (self->problems, i);

      if (problem_names_account (problem, account) && problem_is_for_item (self, problem))
        g_ptr_array_add (mine, (gpointer) problem);
    }

  mr_mailbox_row_set_problems (row, mine);
}

static void
apply_problems (MrAccountEditor *self)
{
  g_auto(ProblemText) domain_text = { g_string_new (NULL), g_string_new (NULL) };
  g_auto(ProblemText) settings_text = { g_string_new (NULL), g_string_new (NULL) };
  g_auto(ProblemText) mailbox_text = { g_string_new (NULL), g_string_new (NULL) };
  gboolean provider_problem = FALSE;
  gboolean forwarding_problem = FALSE;
  gboolean count_problem = FALSE;
  GtkListBoxRow *row;

  if (self->form == NULL)
    return;

  for (guint i = 0; self->problems != NULL && i < self->problems->len; i++)
    {
      MrProblem *problem = g_ptr_array_index (self->problems, i);

      if (!problem_is_for_item (self, problem))
        continue;

      switch (problem->kind)
        {
        case MR_PROBLEM_FORWARDING_DOMAIN:
          append_message (&settings_text, problem);
          forwarding_problem = TRUE;
          break;

        case MR_PROBLEM_PROVIDER_MISMATCH:
        case MR_PROBLEM_PROVIDER_UNSUPPORTED:
        case MR_PROBLEM_PROVIDER_UNAVAILABLE:
          append_message (&settings_text, problem);
          provider_problem = TRUE;
          break;

        case MR_PROBLEM_NO_ACCOUNTS:
        case MR_PROBLEM_ACCOUNT_COUNT:
          append_message (&mailbox_text, problem);
          count_problem = TRUE;
          break;

        case MR_PROBLEM_ACCOUNT_NAME:
        case MR_PROBLEM_ACCOUNT_PREFIX:
        case MR_PROBLEM_ACCOUNT_DUPLICATE:
        case MR_PROBLEM_ACCOUNT_INVALID:
          /* shown on the mailbox row it names */
          if (problem->account_prefix == NULL)
            append_message (&mailbox_text, problem);
          break;

        case MR_PROBLEM_ORDER_EMPTY:
        case MR_PROBLEM_DOMAIN_INVALID:
        case MR_PROBLEM_DOMAIN_TLD:
        case MR_PROBLEM_DOMAIN_DUPLICATE:
        case MR_PROBLEM_DOMAIN_UNAVAILABLE:
        case MR_PROBLEM_DOMAIN_BLACKLISTED:
        case MR_PROBLEM_MISSING_DOMAIN_ORDER:
        case MR_PROBLEM_PAYMENT_FAILED:
        default:
          append_message (&domain_text, problem);
          break;
        }
    }

  show_problem_text (self->domain_problem_box, self->domain_problem_label, &domain_text);
  show_problem_text (self->settings_problem_box, self->settings_problem_label, &settings_text);
  show_problem_text (self->mailbox_problem_box, self->mailbox_problem_label, &mailbox_text);

  if (provider_problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->provider_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->provider_row), "error");

  if (forwarding_problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->forwarding_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->forwarding_row), "error");

  if (count_problem)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
    }

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->mailbox_list, i)); i++)
    apply_row_problems (self, MR_MAILBOX_ROW (row));
}

static char *
describe_limit (MrEmailProvider provider)
{
  guint min = mr_email_provider_min_accounts (provider);
  guint max = mr_email_provider_max_accounts (provider);

  if (min <= 1)
    return g_strdup_printf (ngettext ("Up to %u mailbox per domain",
                                      "Up to %u mailboxes per domain", max),
                            max);

  /* Translators: a range of mailboxes, like "50–100 mailboxes per domain" */
  return g_strdup_printf (_("%u–%u mailboxes per domain"), min, max);
}

static void
update_limits (MrAccountEditor *self)
{
  g_autofree char *reason = NULL;
  g_autofree char *count = NULL;
  MrEmailProvider provider;
  gboolean can_add;
  guint n;

  if (self->item == NULL)
    return;

  provider = mr_order_item_get_email_provider (self->item);
  n = mr_order_item_get_n_accounts (self->item);
  can_add = mr_order_item_can_add_account (self->item, &reason);
  if (self->order_type == MR_ORDER_TYPE_PRE_WARMED_UP)
    can_add = FALSE;

  /* Translators: the number of mailboxes of a domain and the provider's maximum, "3 of 5";
   * the mailboxes a domain already has count against the limit */
  count = g_strdup_printf (_("%u of %u"), n + mr_order_item_get_existing_accounts (self->item),
                           mr_email_provider_max_accounts (provider));

  /* a domain that exists keeps its provider and forwarding (the focus
   * leaves them first, so that the text field is told) */
  if (self->order_type == MR_ORDER_TYPE_EXTRA_ACCOUNTS &&
      gtk_widget_get_root (GTK_WIDGET (self)) != NULL &&
      (gtk_widget_get_focus_child (GTK_WIDGET (self->forwarding_row)) != NULL ||
       gtk_widget_get_focus_child (GTK_WIDGET (self->provider_row)) != NULL))
    gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->provider_row),
                            self->order_type != MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  gtk_widget_set_sensitive (GTK_WIDGET (self->forwarding_row),
                            self->order_type != MR_ORDER_TYPE_EXTRA_ACCOUNTS);
  gtk_label_set_label (self->count_label, count);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-mailbox", can_add);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.remove-mailbox", n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), can_add);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fill_row), can_add);

  if (can_add || reason == NULL)
    g_clear_pointer (&reason, g_free);

  gtk_label_set_label (self->limit_label, reason);
  gtk_widget_set_visible (self->limit_box, reason != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_row), reason);
  if (reason != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->add_row),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
update_provider (MrAccountEditor *self)
{
  g_autofree char *limit = NULL;
  MrEmailProvider provider;
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->item == NULL)
    return;

  provider = mr_order_item_get_email_provider (self->item);

  for (guint i = 0; i < self->n_providers; i++)
    if (self->providers[i] == provider)
      position = i;

  self->syncing = TRUE;
  adw_combo_row_set_selected (self->provider_row, position);
  self->syncing = FALSE;

  limit = describe_limit (provider);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->provider_row), limit);
}

static void
rebuild_provider_model (MrAccountEditor *self)
{
  g_autoptr(GtkStringList) model = NULL;
  static const MrEmailProvider all[] = {
    MR_EMAIL_PROVIDER_GOOGLE,
    MR_EMAIL_PROVIDER_AIRMAIL,
    MR_EMAIL_PROVIDER_MICROSOFT,
  };
  MrEmailProvider current = 0;
  MrEmailProvider providers[G_N_ELEMENTS (all)];
  guint n_providers = 0;

  if (self->item != NULL)
    current = mr_order_item_get_email_provider (self->item);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      /* Extra accounts cannot be Microsoft ones; an item that already says
       * so keeps showing it, and validation explains the problem. */
      if (all[i] == MR_EMAIL_PROVIDER_MICROSOFT &&
          self->order_type == MR_ORDER_TYPE_EXTRA_ACCOUNTS &&
          current != MR_EMAIL_PROVIDER_MICROSOFT)
        continue;

      providers[n_providers++] = all[i];
    }

  /* the same choices as shown: only the selection follows the item (a
   * new model rebuilt the combo row's list and label, 1.4 M instructions
   * in the frame that shows a pasted domain) */
  if (n_providers == self->n_providers &&
      adw_combo_row_get_model (self->provider_row) != NULL &&
      memcmp (providers, self->providers, n_providers * sizeof providers[0]) == 0)
    {
      update_provider (self);
      return;
    }

  model = gtk_string_list_new (NULL);
  self->n_providers = n_providers;
  for (guint i = 0; i < n_providers; i++)
    {
      self->providers[i] = providers[i];
      gtk_string_list_append (model, mr_email_provider_to_label (providers[i]));
    }

  self->syncing = TRUE;
  adw_combo_row_set_model (self->provider_row, G_LIST_MODEL (model));
  self->syncing = FALSE;

  update_provider (self);
}

static void
update_forwarding (MrAccountEditor *self)
{
  const char *forwarding;

  if (self->item == NULL)
    return;

  forwarding = mr_order_item_get_forwarding_domain (self->item);
  if (forwarding == NULL)
    forwarding = "";

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->forwarding_row)), forwarding) == 0)
    return;

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->forwarding_row), forwarding);
  self->syncing = FALSE;
}

static void
update_domain (MrAccountEditor *self)
{
  const char *domain;
  GtkListBoxRow *row;

  if (self->item == NULL)
    return;

  domain = mr_order_item_get_domain (self->item);

  g_free (self->item_domain);
  self->item_domain = normalize_domain (domain);

  {
    /* domains have no case: "ACME.com" is shown as it will be ordered */
    g_autofree char *shown = g_utf8_strdown (domain, -1);

    gtk_label_set_label (self->title_label, shown);
  }

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->mailbox_list, i)); i++)
    mr_mailbox_row_set_domain (MR_MAILBOX_ROW (row), domain);
}

static void
update_order_type (MrAccountEditor *self)
{
  gboolean prewarmed = self->order_type == MR_ORDER_TYPE_PRE_WARMED_UP;

  if (self->form == NULL)
    return;

  gtk_widget_set_visible (self->prewarmed_box, prewarmed);
  gtk_widget_set_visible (GTK_WIDGET (self->mailboxes_group), !prewarmed);

  rebuild_provider_model (self);
  update_limits (self);
}

static MrMailboxRow *
focused_mailbox_row (MrAccountEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus;
  GtkWidget *row;

  if (self->form == NULL || root == NULL || (focus = gtk_root_get_focus (root)) == NULL)
    return NULL;

  row = gtk_widget_get_ancestor (focus, MR_TYPE_MAILBOX_ROW);
  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->mailbox_list))
    return NULL;

  return MR_MAILBOX_ROW (row);
}

static void
focus_after_removal (MrAccountEditor *self,
                     int              position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->mailbox_list, position);

  if (row == NULL && position > 0)
    row = gtk_list_box_get_row_at_index (self->mailbox_list, position - 1);

  if (row != NULL)
    mr_mailbox_row_focus_first (MR_MAILBOX_ROW (row));
  else if (gtk_widget_is_sensitive (GTK_WIDGET (self->add_row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
}

static void
remove_row (MrAccountEditor *self,
            MrMailboxRow    *row)
{
  int position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  gboolean had_focus;

  if (position < 0 || self->item == NULL)
    return;

  had_focus = focused_mailbox_row (self) == row;
  mr_order_item_remove_account (self->item, position);

  if (had_focus)
    focus_after_removal (self, position);
}

static void
row_remove_requested_cb (MrMailboxRow    *row,
                         MrAccountEditor *self)
{
  int position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  g_assert (MR_IS_ACCOUNT_EDITOR (self));

  if (position < 0 || self->item == NULL)
    return;

  mr_order_item_remove_account (self->item, position);
  focus_after_removal (self, position);
}

static void
row_next_requested_cb (MrMailboxRow    *row,
                       MrAccountEditor *self)
{
  int position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->mailbox_list, position + 1);

  g_assert (MR_IS_ACCOUNT_EDITOR (self));

  if (next != NULL)
    mr_mailbox_row_focus_first (MR_MAILBOX_ROW (next));
  else if (gtk_widget_is_sensitive (GTK_WIDGET (self->add_row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->fill_row));
}

static void
row_field_left_cb (MrMailboxRow    *row,
                   const char      *field,
                   MrAccountEditor *self)
{
  MrAccount *account = mr_mailbox_row_get_account (row);

  if (self->session != NULL)
    mr_order_session_touch (self->session, account, field);
  else
    mr_account_mark_touched (account, field);
}

static GtkWidget *
create_mailbox_row_cb (gpointer item,
                       gpointer user_data)
{
  MrAccountEditor *self = user_data;
  GtkWidget *row;

  row = mr_mailbox_row_new (MR_ACCOUNT (item),
                            self->item != NULL ? mr_order_item_get_domain (self->item) : NULL);
  g_signal_connect_object (row, "remove-requested",
                           G_CALLBACK (row_remove_requested_cb), self, 0);
  g_signal_connect_object (row, "next-requested",
                           G_CALLBACK (row_next_requested_cb), self, 0);
  g_signal_connect_object (row, "field-left",
                           G_CALLBACK (row_field_left_cb), self, 0);
  apply_row_problems (self, MR_MAILBOX_ROW (row));

  return row;
}

static void
item_notify_cb (MrAccountEditor *self,
                GParamSpec      *pspec,
                MrOrderItem     *item)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "domain"))
    {
      update_domain (self);
      apply_problems (self);
    }
  else if (g_str_equal (name, "email-provider"))
    {
      if (self->order_type == MR_ORDER_TYPE_EXTRA_ACCOUNTS)
        rebuild_provider_model (self);
      else
        update_provider (self);
      update_limits (self);
    }
  else if (g_str_equal (name, "forwarding-domain"))
    {
      update_forwarding (self);
    }
  else if (g_str_equal (name, "existing-accounts"))
    {
      update_limits (self);
    }
}

static void
accounts_changed_cb (MrAccountEditor *self,
                     guint            position,
                     guint            removed,
                     guint            added,
                     GListModel      *model)
{
  update_limits (self);
}

static void
provider_selected_cb (MrAccountEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->provider_row);

  if (self->syncing || self->item == NULL || selected >= self->n_providers)
    return;

  mr_order_item_set_email_provider (self->item, self->providers[selected]);
}

static void
forwarding_changed_cb (MrAccountEditor *self)
{
  const char *text;

  if (self->syncing || self->item == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->forwarding_row));
  mr_order_item_set_forwarding_domain (self->item, text[0] != '\0' ? text : NULL);
}

/* the names of @text that fill_from_names() would use, in order */
static GPtrArray *
split_people (const char *text)
{
  g_auto(GStrv) people = g_strsplit_set (text, ",;\r\n", -1);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; people[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (people[i]));

      if (*name != '\0')
        g_ptr_array_add (names, g_steal_pointer (&name));
    }

  return names;
}

static void
fill_activated_cb (MrAccountEditor *self)
{
  g_autoptr(GPtrArray) people = NULL;
  const char *text;
  guint before;
  guint added;
  GtkListBoxRow *row;

  if (self->item == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->fill_row));
  if (text[0] == '\0')
    return;

  people = split_people (text);
  before = mr_order_item_get_n_accounts (self->item);
  added = mr_order_item_add_from_names (self->item, text);

  if (added < people->len)
    {
      /* nothing dropped in silence: what did not fit stays in the field */
      g_autoptr(GString) rest = g_string_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *reason = NULL;
      GtkWidget *overlay;
      guint left = people->len - added;

      for (guint i = added; i < people->len; i++)
        {
          if (rest->len > 0)
            g_string_append (rest, ", ");
          g_string_append (rest, g_ptr_array_index (people, i));
        }
      gtk_editable_set_text (GTK_EDITABLE (self->fill_row), rest->str);

      mr_order_item_can_add_account (self->item, &reason);
      if (reason != NULL)
        /* Translators: "2 names left out: Google allows at most 5 mailboxes per domain" */
        title = g_strdup_printf (ngettext ("%u name left out: %s", "%u names left out: %s", left),
                                 left, reason);
      else
        title = g_strdup_printf (ngettext ("%u name left out", "%u names left out", left), left);

      overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->fill_row), title);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->fill_row), "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->fill_row), NULL);
    }

  if (added == 0)
    return;

  row = gtk_list_box_get_row_at_index (self->mailbox_list, before);
  if (row != NULL && !gtk_widget_is_sensitive (GTK_WIDGET (self->fill_row)))
    mr_mailbox_row_focus_first (MR_MAILBOX_ROW (row));
}

static void
actions_row_activated_cb (MrAccountEditor *self,
                          GtkListBoxRow   *row)
{
  if (row == GTK_LIST_BOX_ROW (self->add_row))
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.add-mailbox", NULL);
}

static void
add_mailbox_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MrAccountEditor *self = MR_ACCOUNT_EDITOR (widget);
  g_autoptr(MrAccount) account = NULL;
  GtkListBoxRow *row;
  guint n;

  if (self->item == NULL || !mr_order_item_can_add_account (self->item, NULL))
    return;

  account = mr_account_new ("", "", "");
  mr_order_item_append_account (self->item, account);

  n = mr_order_item_get_n_accounts (self->item);
  row = gtk_list_box_get_row_at_index (self->mailbox_list, n - 1);
  if (row != NULL)
    mr_mailbox_row_focus_first (MR_MAILBOX_ROW (row));
}

static void
remove_mailbox_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MrAccountEditor *self = MR_ACCOUNT_EDITOR (widget);
  MrMailboxRow *row = focused_mailbox_row (self);

  if (row != NULL)
    remove_row (self, row);
}

/* Icons a paste brings on screen for the first time, all in the frame
 * where its checks and problems appear: the rows' "no mailboxes" sign and
 * the spinners of the pricing panel ("Updating…", "Getting a Price…").
 * GTK 4.8 draws these from their SVG, which librsvg parses and renders
 * three times for each size: 40 M of the 59 M instructions of that
 * frame's paint (callgrind, cairo renderer). The editor looks them up
 * and draws each once at low priority after it is shown, the way the
 * widgets will (a GtkImage through a GThemedIcon, a spinner through the
 * theme's CSS), and keeps them, so the icon theme hands the widgets the
 * loaded ones. */
static const MrIconPreload preload_icons[] = {
  { "mail-unread-symbolic", 16, FALSE },
  { "process-working-symbolic", 16, TRUE },
  { "process-working-symbolic", 32, TRUE },
};

static gboolean
preload_icon_cb (gpointer data)
{
  MrAccountEditor *self = data;

  g_ptr_array_add (self->preloaded,
                   mr_gui_preload_icon (GTK_WIDGET (self), &preload_icons[self->preloaded->len]));
  if (self->preloaded->len < G_N_ELEMENTS (preload_icons))
    return G_SOURCE_CONTINUE;

  self->preload_id = 0;
  return G_SOURCE_REMOVE;
}

static void ensure_form (MrAccountEditor *self);

static void
cancel_prebuild (MrAccountEditor *self)
{
  if (self->prebuild_clock != NULL)
    g_clear_signal_handler (&self->prebuild_paint_id, self->prebuild_clock);
  g_clear_object (&self->prebuild_clock);
  g_clear_handle_id (&self->prebuild_id, g_source_remove);
}

static gboolean
prebuild_cb (gpointer data)
{
  MrAccountEditor *self = data;

  int width = gtk_widget_get_width (GTK_WIDGET (self));

  self->prebuild_id = 0;
  ensure_form (self);

  /* and measured once, hidden, as the window will: its styles and fonts
   * are loaded and the sizes of its parts a domain does not change are
   * known when a domain first shows it */
  gtk_widget_measure (self->form, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  if (width > 0)
    gtk_widget_measure (self->form, GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);

  /* the title's large font, with the letters of domain names: their
   * glyphs are loaded here, not when the first domain's title is shaped */
  if (self->item == NULL)
    {
      gtk_label_set_label (self->title_label, "abcdefghijklmnopqrstuvwxyz-0123456789.");
      gtk_widget_measure (GTK_WIDGET (self->title_label), GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, NULL, NULL, NULL);
      gtk_label_set_label (self->title_label, "");
      gtk_widget_measure (self->form, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      if (width > 0)
        gtk_widget_measure (self->form, GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);
    }

  return G_SOURCE_REMOVE;
}

static void
prebuild_after_paint_cb (GdkFrameClock   *clock,
                         MrAccountEditor *self)
{
  g_clear_signal_handler (&self->prebuild_paint_id, clock);
  g_clear_object (&self->prebuild_clock);
  self->prebuild_id = g_idle_add_full (G_PRIORITY_LOW, prebuild_cb, self, NULL);
}

static void
mr_account_editor_map (GtkWidget *widget)
{
  MrAccountEditor *self = MR_ACCOUNT_EDITOR (widget);
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (mr_account_editor_parent_class)->map (widget);

  if (self->preloaded->len == 0 && self->preload_id == 0)
    self->preload_id = g_idle_add_full (G_PRIORITY_LOW, preload_icon_cb, self, NULL);

  /* The form is made ahead of need: once the window has painted a frame
   * with the editor in it and the main loop is idle, not in the frame
   * that first shows a domain (after a paste of many, the frame after
   * the one that shows them), where making it cost 14 M instructions */
  clock = gtk_widget_get_frame_clock (widget);
  if (self->form == NULL && self->prebuild_clock == NULL && self->prebuild_id == 0 &&
      clock != NULL)
    {
      self->prebuild_clock = g_object_ref (clock);
      self->prebuild_paint_id = g_signal_connect (clock, "after-paint",
                                                  G_CALLBACK (prebuild_after_paint_cb), self);
    }
}

static void
mr_account_editor_unmap (GtkWidget *widget)
{
  MrAccountEditor *self = MR_ACCOUNT_EDITOR (widget);

  /* hidden before it was painted: made when it shows a domain */
  if (self->prebuild_clock != NULL)
    cancel_prebuild (self);

  GTK_WIDGET_CLASS (mr_account_editor_parent_class)->unmap (widget);
}

static void
mr_account_editor_dispose (GObject *object)
{
  MrAccountEditor *self = (MrAccountEditor *)object;

  g_clear_handle_id (&self->preload_id, g_source_remove);
  cancel_prebuild (self);

  if (self->form != NULL)
    gtk_list_box_bind_model (self->mailbox_list, NULL, NULL, NULL, NULL);

  if (self->item != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->item, self);
      g_clear_object (&self->item);
    }

  /* the bin's child is a template child: let the bin drop it first */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MR_TYPE_ACCOUNT_EDITOR);
  /* the form went with the stack */
  self->form = NULL;

  G_OBJECT_CLASS (mr_account_editor_parent_class)->dispose (object);
}

static void
mr_account_editor_finalize (GObject *object)
{
  MrAccountEditor *self = (MrAccountEditor *)object;

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->preloaded, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_pointer (&self->item_domain, g_free);

  G_OBJECT_CLASS (mr_account_editor_parent_class)->finalize (object);
}

static void
mr_account_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MrAccountEditor *self = MR_ACCOUNT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_ORDER_TYPE:
      g_value_set_enum (value, self->order_type);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_account_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MrAccountEditor *self = MR_ACCOUNT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      mr_account_editor_set_item (self, g_value_get_object (value));
      break;

    case PROP_ORDER_TYPE:
      mr_account_editor_set_order_type (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_account_editor_class_init (MrAccountEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_account_editor_dispose;
  object_class->finalize = mr_account_editor_finalize;
  object_class->get_property = mr_account_editor_get_property;
  object_class->set_property = mr_account_editor_set_property;

  widget_class->map = mr_account_editor_map;
  widget_class->unmap = mr_account_editor_unmap;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         MR_TYPE_ORDER_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ORDER_TYPE] =
    g_param_spec_enum ("order-type", NULL, NULL,
                       MR_TYPE_ORDER_TYPE,
                       MR_ORDER_TYPE_DFY,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "editor.add-mailbox", NULL, add_mailbox_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-mailbox", NULL, remove_mailbox_action);

  g_type_ensure (MR_TYPE_MAILBOX_ROW);
  g_type_ensure (MR_TYPE_EMPTY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mailroom/Mailroom/mr-account-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MrAccountEditor, stack);
}

static GtkWidget *
find_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_box (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The width the editor needs at the usual text size: the pane's */
#define MIN_WIDTH 320

/* With large text (text scaling above 1, as on a projector) the editor
 * asks for its width scaled with the text, so the window gives it room or
 * folds its panes: at the pane's usual width its titles broke inside words
 * and its choices read "Go…" */
static void
update_min_width (MrAccountEditor *self)
{
  int dpi = 0;
  double scale;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-xft-dpi", &dpi, NULL);
  scale = dpi > 0 ? dpi / (96.0 * 1024) : 1.0;
  gtk_widget_set_size_request (GTK_WIDGET (self), scale > 1.0 ? (int) (MIN_WIDTH * scale) : -1, -1);
}

static void
mr_account_editor_init (MrAccountEditor *self)
{
  self->order_type = MR_ORDER_TYPE_DFY;
  self->preloaded = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-mailbox", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.remove-mailbox", FALSE);

  update_min_width (self);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-xft-dpi",
                           G_CALLBACK (update_min_width), self, G_CONNECT_SWAPPED);

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_fix_template (GTK_WIDGET (self));
}

#define FORM_RESOURCE "/io/github/mailroom/Mailroom/mr-account-editor-form.ui"

/* The form page (provider, forwarding domain, mailboxes): not before the
 * first frame (an empty start shows only the "Select a Domain" page, and
 * building and styling the hidden form cost it about a quarter of its
 * instructions to the first frame, callgrind), but at low priority once
 * the editor has been painted (mr_account_editor_map), or when it first
 * shows a domain if that comes sooner. */
static void
ensure_form (MrAccountEditor *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *list;

  if (self->form != NULL)
    return;

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "provider_selected_cb", G_CALLBACK (provider_selected_cb),
                                           "forwarding_changed_cb", G_CALLBACK (forwarding_changed_cb),
                                           "fill_activated_cb", G_CALLBACK (fill_activated_cb),
                                           "actions_row_activated_cb", G_CALLBACK (actions_row_activated_cb),
                                           NULL);
  builder = gtk_builder_new ();
  gtk_builder_set_scope (builder, scope);
  /* the handlers are swapped: they get the editor first */
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  if (!gtk_builder_add_from_resource (builder, FORM_RESOURCE, &error))
    g_error ("Cannot build %s: %s", FORM_RESOURCE, error->message);

#define FORM_CHILD(name) self->name = (gpointer) gtk_builder_get_object (builder, #name)
  FORM_CHILD (form);
  FORM_CHILD (title_label);
  FORM_CHILD (domain_problem_box);
  FORM_CHILD (domain_problem_label);
  FORM_CHILD (settings_group);
  FORM_CHILD (provider_row);
  FORM_CHILD (forwarding_row);
  FORM_CHILD (settings_problem_box);
  FORM_CHILD (settings_problem_label);
  FORM_CHILD (prewarmed_box);
  FORM_CHILD (mailboxes_group);
  FORM_CHILD (count_label);
  FORM_CHILD (mailbox_list);
  FORM_CHILD (mailbox_problem_box);
  FORM_CHILD (mailbox_problem_label);
  FORM_CHILD (actions_list);
  FORM_CHILD (add_row);
  FORM_CHILD (fill_row);
  FORM_CHILD (limit_box);
  FORM_CHILD (limit_label);
#undef FORM_CHILD

  /* the stack owns the form from here; the builder's reference goes with it */
  gtk_stack_add_named (self->stack, self->form, "editor");

  /* the settings' boxed list has no heading to be named by; newer
   * libadwaita labels it by the group's title, which is empty here and
   * would win over the label */
  list = find_list_box (GTK_WIDGET (self->settings_group));
  if (list != NULL)
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (list),
                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (list),
                                     GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Domain settings"),
                                      -1);
    }

  /* Delete on a mailbox row (its remove button), never in its entries */
  gtk_widget_add_controller (GTK_WIDGET (self->mailbox_list),
                             mr_delete_shortcut_controller_new ("editor.remove-mailbox"));

  /* what the order type shows and offers, and the provider's choices */
  update_order_type (self);

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_combo_row_fix_names (self->provider_row);
  mr_a11y_fix_template (self->form);
}

GtkWidget *
mr_account_editor_new (void)
{
  return g_object_new (MR_TYPE_ACCOUNT_EDITOR, NULL);
}

MrOrderItem *
mr_account_editor_get_item (MrAccountEditor *self)
{
  g_return_val_if_fail (MR_IS_ACCOUNT_EDITOR (self), NULL);

  return self->item;
}

void
mr_account_editor_set_item (MrAccountEditor *self,
                            MrOrderItem     *item)
{
  g_return_if_fail (MR_IS_ACCOUNT_EDITOR (self));
  g_return_if_fail (item == NULL || MR_IS_ORDER_ITEM (item));

  if (self->item == item)
    return;

  if (item != NULL)
    ensure_form (self);
  if (self->form != NULL)
    gtk_list_box_bind_model (self->mailbox_list, NULL, NULL, NULL, NULL);

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);

  g_set_object (&self->item, item);
  g_clear_pointer (&self->item_domain, g_free);

  if (item != NULL)
    {
      g_signal_connect_object (item, "notify",
                               G_CALLBACK (item_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (item, "items-changed",
                               G_CALLBACK (accounts_changed_cb), self,
                               G_CONNECT_SWAPPED);

      gtk_editable_set_text (GTK_EDITABLE (self->fill_row), "");
      update_domain (self);
      rebuild_provider_model (self);
      update_forwarding (self);
      gtk_list_box_bind_model (self->mailbox_list, G_LIST_MODEL (item),
                               create_mailbox_row_cb, self, NULL);
      update_limits (self);
      apply_problems (self);
      gtk_stack_set_visible_child_name (self->stack, "editor");
    }
  else
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-mailbox", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.remove-mailbox", FALSE);
      if (self->form != NULL)
        gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

MrOrderType
mr_account_editor_get_order_type (MrAccountEditor *self)
{
  g_return_val_if_fail (MR_IS_ACCOUNT_EDITOR (self), MR_ORDER_TYPE_DFY);

  return self->order_type;
}

void
mr_account_editor_set_order_type (MrAccountEditor *self,
                                  MrOrderType      type)
{
  g_return_if_fail (MR_IS_ACCOUNT_EDITOR (self));

  if (self->order_type == type)
    return;

  self->order_type = type;
  update_order_type (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER_TYPE]);
}

void
mr_account_editor_set_session (MrAccountEditor *self,
                               MrOrderSession  *session)
{
  g_return_if_fail (MR_IS_ACCOUNT_EDITOR (self));

  g_set_object (&self->session, session);
}

void
mr_account_editor_set_problems (MrAccountEditor *self,
                                GPtrArray       *problems)
{
  g_return_if_fail (MR_IS_ACCOUNT_EDITOR (self));

  if (problems != NULL)
    g_ptr_array_ref (problems);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = problems;

  apply_problems (self);
}
