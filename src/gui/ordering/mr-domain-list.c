/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-domain-list"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "mr-a11y.h"
#include "mr-empty-page.h"
#include "mr-domain-list-private.h"
#include "mr-gui-util.h"

#define MAX_SIMILAR 4

enum {
  PROP_0,
  PROP_SELECTED_ITEM,
  PROP_N_SELECTED,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  REMOVE_REQUESTED,
  REMOVE_SELECTED_REQUESTED,
  DOMAINS_SKIPPED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MrDomainList, mr_domain_list, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static guint signals[N_SIGNALS];

void
_mr_domain_list_emit_item_activated (MrDomainList *self,
                                     MrOrderItem  *item)
{
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

void
_mr_domain_list_emit_remove_requested (MrDomainList *self,
                                       guint         position)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0, position);
}

void
_mr_domain_list_emit_remove_selected_requested (MrDomainList *self)
{
  g_signal_emit (self, signals[REMOVE_SELECTED_REQUESTED], 0);
}

void
_mr_domain_list_emit_domains_skipped (MrDomainList *self,
                                      guint         n_skipped)
{
  g_signal_emit (self, signals[DOMAINS_SKIPPED], 0, n_skipped);
}

void
_mr_domain_list_notify_selected_item (MrDomainList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

void
_mr_domain_list_notify_n_selected (MrDomainList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

/* The problems of a paste come in one change a little after it (the
 * session's checks, 1,000 domains at once): while the list still fills,
 * the frame that lays out the rows they change adds no more rows. */
static void
problems_changed_cb (MrDomainList       *self,
                     const char * const *keys)
{
  if (self->fill != NULL && keys[0] != NULL)
    mr_fill_model_pause (self->fill);

  for (guint i = 0; keys[i] != NULL; i++)
    _mr_domain_list_update_rows_for (self, keys[i], _mr_domain_row_update_problems);
}

static void
session_checker_cb (MrDomainList *self)
{
  mr_domain_list_set_checker (self, mr_order_session_get_checker (self->session));
}

static void
update_count (MrDomainList *self)
{
  guint n_items = 0;
  guint n_accounts = 0;
  g_autofree char *domains = NULL;
  g_autofree char *mailboxes = NULL;
  g_autofree char *text = NULL;

  if (self->order != NULL)
    {
      n_items = mr_order_get_n_items (self->order);
      n_accounts = mr_order_get_n_accounts (self->order);
    }

  domains = g_strdup_printf (ngettext ("%u domain", "%u domains", n_items), n_items);
  mailboxes = g_strdup_printf (ngettext ("%u mailbox", "%u mailboxes", n_accounts), n_accounts);
  /* Translators: "3 domains · 12 mailboxes" */
  text = g_strdup_printf (_("%s · %s"), domains, mailboxes);
  gtk_label_set_label (self->count_label, n_items > 0 ? text : "");
  gtk_stack_set_visible_child_name (self->list_stack, n_items > 0 ? "list" : "empty");
}

static void
order_changed_cb (MrDomainList *self)
{
  update_count (self);
}

static void
checker_status_changed_cb (MrDomainChecker *checker,
                           const char      *domain,
                           int              status,
                           MrDomainList    *self)
{
  if (self->preview_domain != NULL && g_strcmp0 (domain, self->preview_domain) == 0)
    _mr_domain_list_update_preview (self);

  if (domain == NULL)
    _mr_domain_list_update_all_rows (self, _mr_domain_row_update_status);
  else
    _mr_domain_list_update_rows_for (self, domain, _mr_domain_row_update_status);
}

typedef struct
{
  MrDomainList *self;
  char         *key;
} SimilarRequest;

static void
similar_request_free (SimilarRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->key);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimilarRequest, similar_request_free)

static void
similar_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SimilarRequest) request = user_data;
  MrDomainList *self = request->self;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = NULL;
  GStrv kept;
  guint n;

  domains = mr_api_client_similar_domains_finish (MR_API_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      MR_API_CLIENT (source) != self->client ||
      !g_hash_table_contains (self->similar, request->key))
    return;

  if (error != NULL)
    g_debug ("No similar domains for %s: %s", request->key, error->message);

  n = domains ? MIN (g_strv_length (domains), MAX_SIMILAR) : 0;
  kept = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    kept[i] = g_strdup (domains[i]);

  g_hash_table_replace (self->similar, g_strdup (request->key), kept);
  _mr_domain_list_update_rows_for (self, request->key, _mr_domain_row_update_suggestions);
}

static void
mr_domain_list_dispose (GObject *object)
{
  MrDomainList *self = MR_DOMAIN_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->preview_id, g_source_remove);

  _mr_domain_list_dispose_rows (self);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MR_TYPE_DOMAIN_LIST);

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->session);
  if (self->index != NULL)
    g_signal_handlers_disconnect_by_data (self->index, self);
  g_clear_object (&self->index);

  g_clear_object (&self->fill);
  g_clear_object (&self->selection);
  g_clear_object (&self->current);
  g_clear_object (&self->order);
  g_clear_object (&self->checker);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mr_domain_list_parent_class)->dispose (object);
}

static void
mr_domain_list_finalize (GObject *object)
{
  MrDomainList *self = MR_DOMAIN_LIST (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_pointer (&self->similar, g_hash_table_unref);
  g_clear_pointer (&self->preview_domain, g_free);

  G_OBJECT_CLASS (mr_domain_list_parent_class)->finalize (object);
}

static void
mr_domain_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MrDomainList *self = MR_DOMAIN_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ITEM:
      g_value_set_object (value, mr_domain_list_get_selected_item (self));
      break;

    case PROP_N_SELECTED:
      g_value_set_uint (value, _mr_domain_list_count_selected (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_domain_list_class_init (MrDomainListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_domain_list_dispose;
  object_class->finalize = mr_domain_list_finalize;
  object_class->get_property = mr_domain_list_get_property;

  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL,
                         MR_TYPE_ORDER_ITEM,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MR_TYPE_ORDER_ITEM);
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* Delete with more than one domain selected: remove them all */
  signals[REMOVE_SELECTED_REQUESTED] =
    g_signal_new ("remove-selected-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* added text named domains already in the order, or twice: how many */
  signals[DOMAINS_SKIPPED] =
    g_signal_new ("domains-skipped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mailroom/Mailroom/mr-domain-list.ui");
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, box);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, entry_box);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, entry);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, add_button);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, preview_box);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, preview_icon);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, preview_label);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, title_label);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, count_label);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, list_view);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, select_button);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, MrDomainList, selection_label);
  _mr_domain_list_class_init_selection (widget_class);
  _mr_domain_list_class_init_entry (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (MR_TYPE_DOMAIN_ROW);
  g_type_ensure (MR_TYPE_EMPTY_PAGE);
}

static void
mr_domain_list_init (MrDomainList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _mr_domain_list_init_entry (self);

  self->order_type = MR_ORDER_TYPE_DFY;
  self->cancellable = g_cancellable_new ();
  self->index = mr_problem_index_new ();
  g_signal_connect_object (self->index, "domains-changed",
                           G_CALLBACK (problems_changed_cb), self, G_CONNECT_SWAPPED);
  self->session_signals = g_signal_group_new (MR_TYPE_ORDER_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::checker",
                                 G_CALLBACK (session_checker_cb), self, G_CONNECT_SWAPPED);
  self->similar = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_strfreev);

  _mr_domain_list_init_rows (self);
  _mr_domain_list_init_selection (self);
  /* a paste of many shows its rows over a few frames */
  self->fill = mr_fill_model_new (GTK_SELECTION_MODEL (self->selection),
                                  GTK_WIDGET (self->list_view));
  mr_fill_model_set_end_first (self->fill, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->fill));
  _mr_domain_list_init_keys (self);

  update_count (self);

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_fix_template (GTK_WIDGET (self));
}

GtkWidget *
mr_domain_list_new (void)
{
  return g_object_new (MR_TYPE_DOMAIN_LIST, NULL);
}

void
mr_domain_list_set_order (MrDomainList *self,
                          MrOrder      *order)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));
  g_return_if_fail (order == NULL || MR_IS_ORDER (order));

  if (self->order == order)
    return;

  if (self->order != NULL)
    g_signal_handlers_disconnect_by_data (self->order, self);

  g_set_object (&self->order, order);
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (order));

  if (order != NULL)
    g_signal_connect_object (order, "changed", G_CALLBACK (order_changed_cb), self,
                             G_CONNECT_SWAPPED);

  update_count (self);
}

void
mr_domain_list_set_checker (MrDomainList    *self,
                            MrDomainChecker *checker)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  if (self->checker == checker)
    return;

  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);

  g_set_object (&self->checker, checker);

  if (checker != NULL)
    g_signal_connect_object (checker, "status-changed",
                             G_CALLBACK (checker_status_changed_cb), self, 0);

  /* rows bound before the checker came ask it now */
  _mr_domain_list_update_all_rows (self, _mr_domain_row_update_status);
}

MrDomainChecker *
mr_domain_list_get_checker (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  return self->checker;
}

void
mr_domain_list_set_client (MrDomainList *self,
                           MrApiClient  *client)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  if (self->client == client)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_set_object (&self->client, client);
  g_hash_table_remove_all (self->similar);

  _mr_domain_list_update_all_rows (self, _mr_domain_row_update_suggestions);
}

void
mr_domain_list_set_order_type (MrDomainList *self,
                               MrOrderType   order_type)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  self->order_type = order_type;
  gtk_widget_set_visible (self->entry_box, order_type == MR_ORDER_TYPE_DFY);

  switch (order_type)
    {
    case MR_ORDER_TYPE_PRE_WARMED_UP:
      gtk_label_set_label (self->title_label, _("Chosen Domains"));
      g_object_set (gtk_stack_get_child_by_name (self->list_stack, "empty"),
                    "description", _("Add pre-warmed domains from the list above"),
                    NULL);
      break;

    case MR_ORDER_TYPE_EXTRA_ACCOUNTS:
      gtk_label_set_label (self->title_label, _("Domains"));
      g_object_set (gtk_stack_get_child_by_name (self->list_stack, "empty"),
                    "description", _("Choose a domain you already own above"),
                    NULL);
      break;

    case MR_ORDER_TYPE_DFY:
    default:
      gtk_label_set_label (self->title_label, _("Domains"));
      g_object_set (gtk_stack_get_child_by_name (self->list_stack, "empty"),
                    "description", _("Type a domain above, or paste a whole list"),
                    NULL);
      break;
    }

  /* what a row says of its mailboxes and whether it is checked */
  _mr_domain_list_update_all_rows (self, _mr_domain_row_update_item);
  _mr_domain_list_update_all_rows (self, _mr_domain_row_update_status);
}

MrOrderType
mr_domain_list_get_order_type (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), MR_ORDER_TYPE_DFY);

  return self->order_type;
}

gboolean
mr_domain_list_get_check_availability (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), FALSE);

  return self->order_type == MR_ORDER_TYPE_DFY && self->checker != NULL;
}

void
mr_domain_list_set_session (MrDomainList   *self,
                            MrOrderSession *session)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));
  g_return_if_fail (session == NULL || MR_IS_ORDER_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  mr_domain_list_set_order (self, session != NULL ? mr_order_session_get_order (session) : NULL);
  mr_domain_list_set_checker (self, session != NULL ? mr_order_session_get_checker (session) : NULL);
  mr_problem_index_set_session (self->index, session);
}

MrOrderSession *
mr_domain_list_get_session (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  return self->session;
}

MrProblemIndex *
mr_domain_list_get_problem_index (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  return self->index;
}

GPtrArray *
mr_domain_list_get_problems_for (MrDomainList *self,
                                 const char   *normalized_domain)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  return mr_problem_index_lookup (self->index, normalized_domain);
}

const char * const *
mr_domain_list_lookup_similar (MrDomainList *self,
                               const char   *normalized_domain)
{
  SimilarRequest *request;
  gpointer value = NULL;

  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  if (normalized_domain == NULL || self->client == NULL)
    return NULL;

  if (g_hash_table_lookup_extended (self->similar, normalized_domain, NULL, &value))
    return (const char * const *) value;

  request = g_new0 (SimilarRequest, 1);
  request->self = g_object_ref (self);
  request->key = g_strdup (normalized_domain);

  g_hash_table_insert (self->similar, g_strdup (normalized_domain), NULL);
  mr_api_client_similar_domains_async (self->client, normalized_domain, NULL,
                                       self->cancellable, similar_cb, request);
  return NULL;
}

void
mr_domain_list_request_remove (MrDomainList *self,
                               MrOrderItem  *item)
{
  guint n;

  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  if (self->order == NULL)
    return;

  n = mr_order_get_n_items (self->order);
  for (guint i = 0; i < n; i++)
    {
      if (mr_order_get_item (self->order, i) == item)
        {
          _mr_domain_list_emit_remove_requested (self, i);
          return;
        }
    }
}

gboolean
mr_domain_list_get_filling (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), FALSE);

  return self->fill != NULL && mr_fill_model_get_filling (self->fill);
}

void
mr_domain_list_pause_filling (MrDomainList *self)
{
  g_return_if_fail (MR_IS_DOMAIN_LIST (self));

  if (self->fill != NULL)
    mr_fill_model_pause (self->fill);
}

GtkWidget *
mr_domain_list_get_list_view (MrDomainList *self)
{
  g_return_val_if_fail (MR_IS_DOMAIN_LIST (self), NULL);

  return GTK_WIDGET (self->list_view);
}


