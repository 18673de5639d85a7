/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-result-page"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "mr-a11y.h"
#include "mr-domain-list.h"
#include "mr-result-page.h"

#define MAX_LISTED 200

struct _MrResultPage
{
  GtkWidget      parent_instance;

  AdwStatusPage *status_page;
  GtkWidget     *spinner;
  GtkWidget     *actions_box;
  GtkWidget     *items_box;
  GtkListBox    *items_list;
  GtkWidget     *back_button;
  GtkWidget     *new_button;
  GtkWidget     *orders_button;
  GtkWidget     *checkout_button;   /* made in code */

  MrResultKind   kind;
  char          *checkout_url;
  const char    *icon;
  guint          compact_id;
  gboolean       compact;
};

G_DEFINE_FINAL_TYPE (MrResultPage, mr_result_page, GTK_TYPE_WIDGET)

static void
clear_items (MrResultPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_list))) != NULL)
    gtk_list_box_remove (self->items_list, child);
}

static void
fill_items (MrResultPage *self,
            MrOrder      *order)
{
  guint n_items;

  clear_items (self);

  if (order == NULL)
    {
      gtk_widget_set_visible (self->items_box, FALSE);
      return;
    }

  n_items = mr_order_get_n_items (order);
  gtk_widget_set_visible (self->items_box, n_items > 0);

  for (guint i = 0; i < n_items && i < MAX_LISTED; i++)
    {
      MrOrderItem *item = mr_order_get_item (order, i);
      g_autofree char *domain = mr_domain_key (mr_order_item_get_domain (item));
      g_autoptr(GString) addresses = g_string_new (NULL);
      guint n_accounts = mr_order_item_get_n_accounts (item);
      GtkWidget *row;

      for (guint j = 0; j < n_accounts; j++)
        {
          MrAccount *account = mr_order_item_get_account (item, j);

          if (addresses->len > 0)
            g_string_append (addresses, "\n");
          g_string_append_printf (addresses, "%s@%s",
                                  mr_account_get_email_address_prefix (account), domain);
        }

      row = g_object_new (ADW_TYPE_ACTION_ROW,
                          "title", domain,
                          "subtitle", addresses->str,
                          "use-markup", FALSE,
                          NULL);
      gtk_list_box_append (self->items_list, row);
    }

  if (n_items > MAX_LISTED)
    {
      g_autofree char *more = NULL;
      guint rest = n_items - MAX_LISTED;
      GtkWidget *row;

      more = g_strdup_printf (ngettext ("and %u more domain", "and %u more domains", rest), rest);
      row = g_object_new (ADW_TYPE_ACTION_ROW, "title", more, NULL);
      gtk_list_box_append (self->items_list, row);
    }
}

/* The main way on (@primary) on top, the others below in a fixed order:
 * the order Tab takes them in */
static void
order_actions (MrResultPage *self,
               GtkWidget    *primary)
{
  GtkWidget *order[] = { primary, self->checkout_button, self->back_button,
                         self->orders_button, self->new_button };
  GtkWidget *previous = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (i > 0 && order[i] == primary)
        continue;
      gtk_box_reorder_child_after (GTK_BOX (self->actions_box), order[i], previous);
      previous = order[i];
    }
}

/* Narrower than this the page is compact (a smaller title, no icon: the
 * title says it): with large text on a phone's width the actions stay in
 * sight below the description */
#define COMPACT_WIDTH 500

static gboolean
apply_compact_cb (gpointer data)
{
  MrResultPage *self = data;

  self->compact_id = 0;
  if (self->compact)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_page), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_page), "compact");
  adw_status_page_set_icon_name (self->status_page, self->compact ? NULL : self->icon);

  return G_SOURCE_REMOVE;
}

static void
mr_result_page_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  MrResultPage *self = MR_RESULT_PAGE (widget);

  gtk_widget_measure (GTK_WIDGET (self->status_page), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
mr_result_page_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  MrResultPage *self = MR_RESULT_PAGE (widget);
  gboolean compact = width < COMPACT_WIDTH;

  /* a style change now would be lost in this allocation: right after */
  if (compact != self->compact)
    {
      self->compact = compact;
      if (self->compact_id == 0)
        self->compact_id = g_idle_add (apply_compact_cb, self);
    }

  gtk_widget_allocate (GTK_WIDGET (self->status_page), width, height, baseline, NULL);
}

static void
mr_result_page_dispose (GObject *object)
{
  MrResultPage *self = (MrResultPage *) object;

  g_clear_handle_id (&self->compact_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), MR_TYPE_RESULT_PAGE);

  G_OBJECT_CLASS (mr_result_page_parent_class)->dispose (object);
}

static void
mr_result_page_finalize (GObject *object)
{
  MrResultPage *self = (MrResultPage *) object;

  g_clear_pointer (&self->checkout_url, g_free);

  G_OBJECT_CLASS (mr_result_page_parent_class)->finalize (object);
}

static void
mr_result_page_class_init (MrResultPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_result_page_dispose;
  object_class->finalize = mr_result_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mailroom/Mailroom/mr-result-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MrResultPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, MrResultPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MrResultPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, MrResultPage, items_box);
  gtk_widget_class_bind_template_child (widget_class, MrResultPage, items_list);
  gtk_widget_class_bind_template_child (widget_class, MrResultPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MrResultPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, MrResultPage, orders_button);

  widget_class->measure = mr_result_page_measure;
  widget_class->size_allocate = mr_result_page_size_allocate;
}

static void
mr_result_page_init (MrResultPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* with the other buttons: after a checkout it is the way on */
  self->checkout_button = g_object_new (GTK_TYPE_BUTTON,
                                        "label", _("Open Checkout _Again"),
                                        "use-underline", TRUE,
                                        "visible", FALSE,
                                        NULL);
  gtk_widget_add_css_class (self->checkout_button, "pill");
  gtk_widget_add_css_class (self->checkout_button, "suggested-action");
  gtk_box_prepend (GTK_BOX (self->actions_box), self->checkout_button);

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_fix_template (GTK_WIDGET (self));
}

GtkWidget *
mr_result_page_new (void)
{
  return g_object_new (MR_TYPE_RESULT_PAGE, NULL);
}

void
mr_result_page_show (MrResultPage *self,
                     MrResultKind  kind,
                     MrOrder      *order,
                     const char   *detail)
{
  g_autofree char *description = NULL;
  static const char *kind_classes[] = { "result-success", "result-warning", "result-error" };
  const char *kind_class = "result-success";
  const char *icon = "object-select-symbolic";
  const char *title = "";
  gboolean can_go_back = FALSE;
  gboolean busy = FALSE;
  gboolean checkout = FALSE;
  guint n_items = order ? mr_order_get_n_items (order) : 0;
  guint n_accounts = order ? mr_order_get_n_accounts (order) : 0;
  g_autofree char *domains = g_strdup_printf (ngettext ("%u domain", "%u domains", n_items), n_items);
  g_autofree char *mailboxes = g_strdup_printf (ngettext ("%u mailbox", "%u mailboxes", n_accounts),
                                                n_accounts);

  g_return_if_fail (MR_IS_RESULT_PAGE (self));

  self->kind = kind;

  switch (kind)
    {
    case MR_RESULT_PLACED:
      title = _("Order Placed");
      /* Translators: "2 domains and 5 mailboxes are being set up." */
      description = g_strdup_printf (_("%s and %s are being set up. Mailboxes usually take a "
                                       "few hours to be ready."), domains, mailboxes);
      break;

    case MR_RESULT_CHECKOUT:
      icon = "web-browser-symbolic";
      kind_class = NULL;
      title = _("Finish in Your Browser");
      description = g_strdup (_("This order needs a checkout step. It opened in your web "
                                "browser; the order is placed once you finish there."));
      /* the order stays, but placing it again here would order it twice */
      can_go_back = TRUE;
      checkout = TRUE;
      break;

    case MR_RESULT_UNKNOWN:
      icon = "network-error-symbolic";
      kind_class = "result-warning";
      title = _("Result Unknown");
      description = g_strdup (_("The connection was lost after the order was sent, so it is "
                                "not known whether it was placed. It was not sent again. "
                                "Checking your orders…"));
      busy = TRUE;
      break;

    case MR_RESULT_UNKNOWN_FOUND:
      title = _("Order Placed");
      description = g_strdup_printf (_("The connection was lost after the order was sent, but "
                                       "your orders list shows it: %s and %s are being set up."),
                                     domains, mailboxes);
      break;

    case MR_RESULT_UNKNOWN_MISSING:
      icon = "dialog-warning-symbolic";
      kind_class = "result-warning";
      title = _("Order Probably Not Placed");
      description = g_strdup (_("The connection was lost after the order was sent, and the "
                                "domains do not appear in your orders list. Nothing was sent "
                                "again. Your order is kept: check your orders later, or place "
                                "it again."));
      can_go_back = TRUE;
      break;

    case MR_RESULT_UNKNOWN_FAILED:
      icon = "network-error-symbolic";
      kind_class = "result-error";
      title = _("Result Unknown");
      description = g_strdup_printf (_("The connection was lost after the order was sent, and "
                                       "your orders list could not be read either (%s). Nothing "
                                       "was sent again. Check your orders before placing it "
                                       "again."), detail ? detail : _("no answer"));
      can_go_back = TRUE;
      break;

    case MR_RESULT_NONE:
    default:
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (kind_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_page), kind_classes[i]);
  if (kind_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_page), kind_class);

  g_clear_pointer (&self->checkout_url, g_free);
  if (checkout && detail != NULL)
    self->checkout_url = g_strdup (detail);
  gtk_widget_set_visible (self->checkout_button, self->checkout_url != NULL);
  if (self->checkout_url != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->checkout_button),
                                            g_variant_new_string (self->checkout_url));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->checkout_button),
                                  self->checkout_url != NULL ? "win.open-checkout" : NULL);

  /* when the order is still here, going back to it is the main way on */
  if (checkout)
    {
      gtk_widget_remove_css_class (self->back_button, "suggested-action");
      gtk_widget_remove_css_class (self->new_button, "suggested-action");
    }
  else if (can_go_back)
    {
      gtk_widget_add_css_class (self->back_button, "suggested-action");
      gtk_widget_remove_css_class (self->new_button, "suggested-action");
    }
  else
    {
      gtk_widget_remove_css_class (self->back_button, "suggested-action");
      gtk_widget_add_css_class (self->new_button, "suggested-action");
    }
  order_actions (self, checkout ? self->checkout_button
                                : can_go_back ? self->back_button : self->new_button);

  self->icon = icon;
  adw_status_page_set_icon_name (self->status_page, self->compact ? NULL : icon);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_visible (self->back_button, can_go_back);
  gtk_widget_set_visible (self->new_button, !busy);
  gtk_widget_set_visible (self->orders_button, !busy && kind != MR_RESULT_CHECKOUT);

  fill_items (self, order);
}

MrResultKind
mr_result_page_get_kind (MrResultPage *self)
{
  g_return_val_if_fail (MR_IS_RESULT_PAGE (self), MR_RESULT_NONE);

  return self->kind;
}

const char *
mr_result_page_get_title (MrResultPage *self)
{
  g_return_val_if_fail (MR_IS_RESULT_PAGE (self), NULL);

  return adw_status_page_get_title (self->status_page);
}

const char *
mr_result_page_get_checkout_url (MrResultPage *self)
{
  g_return_val_if_fail (MR_IS_RESULT_PAGE (self), NULL);

  return self->checkout_url;
}

const char *
mr_result_page_get_description (MrResultPage *self)
{
  g_return_val_if_fail (MR_IS_RESULT_PAGE (self), NULL);

  return adw_status_page_get_description (self->status_page);
}

void
mr_result_page_focus_first_action (MrResultPage *self)
{
  g_return_if_fail (MR_IS_RESULT_PAGE (self));

  /* in the order they are shown: the main way on comes first */
  for (GtkWidget *button = gtk_widget_get_first_child (self->actions_box);
       button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      if (gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button))
        {
          gtk_widget_grab_focus (button);
          return;
        }
    }
}
