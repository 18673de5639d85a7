/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-pricing-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "mr-a11y.h"
#include "mr-fill-model.h"
#include "mr-pricing-panel.h"
#include "mr-pricing-panel-quote.h"
#include "mr-empty-page.h"
#include "mr-gui-util.h"

#define DIMMED_OPACITY 0.4
/* the sidebar lists the first few; the rest are one click away, in a list
 * that makes rows only for what is on screen */
#define MAX_PROBLEM_ROWS 2
#define MAX_EXCLUDED_ROWS 2
/* one row more rather than a "Show All" row for one */
#define N_SHOWN(n, max) ((n) <= (max) + 1 ? (n) : (max))
/* up to this many price lines the list is as tall as they are; past it,
 * it takes the room there is and never measures every line for it */
#define MAX_NATURAL_ITEMS 8
/* the price lines a list never laid out makes in the frame of its first
 * quote: the two to four that show beside the totals in a window of the
 * sizes in UI.md; the rest follow from the next frame on */
#define FIRST_LINES 4

typedef enum
{
  ERROR_ACTION_NONE,
  ERROR_ACTION_RETRY,
  ERROR_ACTION_PREFERENCES,
  ERROR_ACTION_WAIT,
} ErrorAction;

typedef enum
{
  LIST_NONE,
  LIST_PROBLEMS,
  LIST_EXCLUDED,
} ListKind;

/* A price line's row: three labels, whatever its number of lines (each
 * line is a line of the captions and of the figures), so that a row is
 * cheap to make and to measure */
typedef struct
{
  GtkLabel *domain;
  GtkLabel *captions;
  GtkLabel *values;
  char     *name;         /* what the row is called, for screen readers */
} ItemBlock;

/* at most this many lines per domain (a domain and its mailboxes) */
#define MAX_ITEM_LINES 4

struct _MrPricingPanel
{
  AdwBin            parent_instance;

  MrQuoteScheduler *scheduler;
  MrQuote          *shown_quote;
  MrQuoteSheet     *shown_sheet;       /* the lines shown, from shown_quote */
  char             *announced;         /* the totals last said aloud */
  guint             n_announced;
  GListModel       *problems;          /* owned, nullable: the session's list */
  GListModel       *excluded;          /* owned, nullable: the items left out */
  GtkFilterListModel *listed_problems; /* owned: the problems the sidebar lists */
  GtkStringList    *domains;
  MrFillModel      *fill;              /* owned: what items_view shows of domains */
  GPtrArray        *bound;             /* GtkListItem, borrowed: the rows bound now */
  GdkFrameClock    *lines_clock;       /* owned while lines_handler waits */
  gulong            lines_handler;     /* after-paint: the lines of the quote, made next frame */
  guint             prewarm_id;        /* tick: the quote page made ahead, a step a frame */
  guint             prewarm_ticks;
  guint             prewarm_next;      /* the next of prewarm_labels to measure */
  GPtrArray        *prewarm_labels;    /* owned, GtkLabel: the quote page's, to measure */
  GtkWidget        *prewarm_row;       /* a price line's row, in the hidden quote page meanwhile */
  gboolean          prewarmed;
  ListKind          list_kind;         /* what the whole-list page shows, if open */
  ErrorAction       error_action;
  guint             retry_seconds;
  MrBackoff         backoff;
  guint             retry_id;

  GtkWidget        *state_box;
  GtkSpinner       *spinner;
  GtkImage         *state_icon;
  GtkLabel         *state_label;
  GtkWidget        *error_box;
  GtkLabel         *error_label;
  GtkButton        *error_button;
  GtkStack         *stack;
  GtkSpinner       *loading_spinner;
  /* the quote page and its parts: NULL until made, while the first
   * quote is on its way or when it shows */
  GtkWidget        *quote_page;
  gboolean          quote_page_used;   /* a quote was shown in it (it is made ahead) */
  GtkWidget        *items_scroller;
  GtkListView      *items_view;
  GtkWidget        *totals_grid;
  GtkLabel         *due_label;
  GtkLabel         *updating_label;
  GtkLabel         *month_label;
  GtkLabel         *year_label;
  GtkLabel         *discount_label;
  GtkWidget        *free_caption;
  GtkLabel         *free_label;
  GtkWidget        *problems_section;
  GtkLabel         *problems_label;
  GtkWidget        *excluded_section;
  GtkLabel         *excluded_label;
  GtkListBox       *excluded_list;
  GtkWidget        *problems_header;
  GtkImage         *problems_icon;
  GtkListBox       *problems_list;
  GtkWidget        *problem_rows[MAX_PROBLEM_ROWS + 1];
  GtkWidget        *problems_more_row;
  GtkWidget        *excluded_rows[MAX_EXCLUDED_ROWS + 1];
  GtkWidget        *excluded_more_row;
  GtkWidget        *quote_filler;
  GtkWidget        *main_scroller;
  GtkStack         *view_stack;
  GtkLabel         *list_title;
  GtkWidget        *list_back_button;
  GtkListView      *full_list;
};

enum {
  PROP_0,
  PROP_SCHEDULER,
  N_PROPS
};

enum {
  PROBLEM_ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (MrPricingPanel, mr_pricing_panel, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_money (GtkLabel *label,
           MrCents   cents)
{
  g_autofree char *text = mr_money_format (cents);

  gtk_label_set_label (label, text);
}

/* a field the server sent unreadable is said to be unknown, never $0 */
static void
set_quote_money (GtkLabel     *label,
                 MrQuote      *quote,
                 MrQuoteField  field,
                 MrCents       cents)
{
  if (!mr_quote_field_is_known (quote, field))
    gtk_label_set_label (label, _("unknown"));
  else
    set_money (label, cents);
}

/* A label keeps its layout while its text stays the same: a new quote
 * re-measures only the figures that changed. */
static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text != NULL ? text : "") != 0)
    gtk_label_set_label (label, text);
}

/* GTK 4.8 asks the display server where the pointer is on every tooltip
 * set, same text or not: set it only when it changes */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
item_block_free (ItemBlock *block)
{
  g_free (block->name);
  g_free (block);
}

/* the row's whole text, for a domain or a line cut short */
static gboolean
item_query_tooltip_cb (GtkWidget  *box,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       ItemBlock  *block)
{
  if (block->name == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, block->name);

  return TRUE;
}

/* A price line's row (its ItemBlock is the box's "mr-item-block") */
static GtkWidget *
item_box_new (void)
{
  ItemBlock *block = g_new0 (ItemBlock, 1);
  GtkWidget *box;
  GtkWidget *lines;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (box, "pricing-item");

  block->domain = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (block->domain, 0);
  gtk_label_set_ellipsize (block->domain, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (GTK_WIDGET (block->domain), "heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (block->domain));

  lines = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (lines, 12);
  gtk_box_append (GTK_BOX (box), lines);

  /* each line of the text is ellipsized on its own */
  block->captions = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (block->captions, 0);
  gtk_label_set_yalign (block->captions, 0);
  gtk_label_set_ellipsize (block->captions, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (block->captions), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (block->captions), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (block->captions), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (block->captions), "pricing-lines");
  gtk_box_append (GTK_BOX (lines), GTK_WIDGET (block->captions));

  block->values = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (block->values, 1);
  gtk_label_set_yalign (block->values, 0);
  gtk_label_set_justify (block->values, GTK_JUSTIFY_RIGHT);
  gtk_widget_add_css_class (GTK_WIDGET (block->values), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (block->values), "pricing-lines");
  gtk_box_append (GTK_BOX (lines), GTK_WIDGET (block->values));

  /* the tooltip is asked for when shown, not set on every bind */
  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (item_query_tooltip_cb), block);

  g_object_set_data_full (G_OBJECT (box), "mr-item-block", block, (GDestroyNotify) item_block_free);

  return box;
}

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, item_box_new ());
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
}

/* The list's row reads as a sentence: "acme.com: Domain $15.00/yr, 3 × $5.00 $15.00/mo";
 * said again only when it changed (a screen reader hears each change) */
static void
name_item_row (ItemBlock   *block,
               GtkListItem *list_item,
               const char  *name)
{
  if (g_strcmp0 (block->name, name) == 0)
    return;

  g_free (block->name);
  block->name = g_strdup (name);
  mr_a11y_list_item_set_label (list_item, name);
}

/* The item's lines from the quote sheet, so that what the panel lists,
 * less the discount, is what is due now: a free domain keeps its price
 * here (the discount takes it off), Microsoft has one price per domain. */
static void
fill_item (MrPricingPanel *self,
           GtkListItem    *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  ItemBlock *block = g_object_get_data (G_OBJECT (box), "mr-item-block");
  guint position = mr_fill_model_to_model (self->fill, gtk_list_item_get_position (list_item));
  const MrQuoteItem *item;
  MrQuote *quote = self->shown_quote;
  g_autoptr(GString) captions = NULL;
  g_autoptr(GString) values = NULL;
  g_autoptr(GString) name = NULL;
  MrQuoteLine * const *lines = NULL;
  guint n_lines = 0;
  guint n = 0;

  if (quote == NULL || self->shown_sheet == NULL || quote->order_items == NULL ||
      position >= quote->order_items->len)
    return;

  item = g_ptr_array_index (quote->order_items, position);
  set_label_text (block->domain, item->domain);

  captions = g_string_new (NULL);
  values = g_string_new (NULL);
  name = g_string_new (item->domain);

  /* the item's own lines, found at once (not by reading every line of
   * the quote for every row) */
  if (item->domain != NULL)
    lines = mr_quote_sheet_get_item_lines (self->shown_sheet, position, &n_lines);
  for (guint i = 0; i < n_lines && n < MAX_ITEM_LINES; i++)
    {
      const MrQuoteLine *line = lines[i];
      g_autofree char *money = NULL;
      g_autofree char *caption = NULL;

      money = mr_money_format (line->amount);
      if (line->kind == MR_QUOTE_LINE_DOMAIN && line->free)
        /* Translators: "Domain, first year (free)": its price is in the discount */
        caption = g_strdup_printf (_("%s (free)"), line->label);
      else if (line->kind == MR_QUOTE_LINE_DOMAIN)
        caption = g_strdup (line->label);
      else if (line->kind == MR_QUOTE_LINE_PER_DOMAIN)
        caption = g_strdup_printf (ngettext ("%u mailbox, per domain",
                                             "%u mailboxes, per domain",
                                             line->n_mailboxes), line->n_mailboxes);
      else
        caption = g_strdup (line->detail != NULL && *line->detail != '\0' ? line->detail : line->label);

      if (n > 0)
        {
          g_string_append_c (captions, '\n');
          g_string_append_c (values, '\n');
        }
      g_string_append (captions, caption);
      g_string_append (values, money);
      g_string_append (name, n == 0 ? ": " : ", ");
      g_string_append_printf (name, "%s %s", caption, money);
      n++;
    }

  /* a label keeps its layout while its text is the same */
  set_label_text (block->captions, captions->str);
  set_label_text (block->values, values->str);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (block->captions)), n > 0);

  name_item_row (block, list_item, name->str);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              MrPricingPanel           *self)
{
  g_ptr_array_add (self->bound, list_item);
  fill_item (self, list_item);
}

static void
item_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                MrPricingPanel           *self)
{
  g_ptr_array_remove_fast (self->bound, list_item);
}

/* Makes the list name these domains, in this order, replacing only the
 * range that differs: the rows before and after it stay as they are (a
 * domain added or removed does not rebuild the list). */
static void
splice_domains (GtkStringList *domains,
                GPtrArray     *names)
{
  GListModel *model = G_LIST_MODEL (domains);
  guint old_len = g_list_model_get_n_items (model);
  guint head = 0;
  guint tail = 0;
  g_autoptr(GPtrArray) added = NULL;

  while (head < old_len && head < names->len &&
         g_strcmp0 (gtk_string_list_get_string (domains, head), g_ptr_array_index (names, head)) == 0)
    head++;

  while (tail < old_len - head && tail < names->len - head &&
         g_strcmp0 (gtk_string_list_get_string (domains, old_len - 1 - tail),
                    g_ptr_array_index (names, names->len - 1 - tail)) == 0)
    tail++;

  if (head == old_len && head == names->len)
    return;

  added = g_ptr_array_new ();
  for (guint i = head; i < names->len - tail; i++)
    g_ptr_array_add (added, g_ptr_array_index (names, i));
  g_ptr_array_add (added, NULL);

  gtk_string_list_splice (domains, head, old_len - head - tail, (const char * const *) added->pdata);
}

static char *
describe_error (const GError *error)
{
  if (error->domain == MR_API_ERROR)
    return mr_api_error_describe (error);

  return g_strdup (error->message);
}

static void
update_retry_button (MrPricingPanel *self)
{
  g_autofree char *label = NULL;

  if (self->retry_seconds > 0)
    {
      label = g_strdup_printf (ngettext ("Try Again in %u Second",
                                         "Try Again in %u Seconds",
                                         self->retry_seconds),
                               self->retry_seconds);
      gtk_button_set_label (self->error_button, label);
      gtk_widget_set_sensitive (GTK_WIDGET (self->error_button), FALSE);
    }
  else
    {
      gtk_button_set_label (self->error_button, _("Try Again"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->error_button), TRUE);
      self->error_action = ERROR_ACTION_RETRY;
    }
}

static gboolean
retry_tick_cb (gpointer user_data)
{
  MrPricingPanel *self = user_data;

  if (self->retry_seconds > 0)
    self->retry_seconds--;

  update_retry_button (self);

  if (self->retry_seconds == 0)
    {
      self->retry_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
update_error (MrPricingPanel *self)
{
  const GError *error = NULL;
  g_autofree char *message = NULL;
  MrQuoteState state = MR_QUOTE_STATE_IDLE;
  ErrorAction action = ERROR_ACTION_RETRY;
  gint retry_after = -1;

  if (self->scheduler != NULL)
    {
      state = mr_quote_scheduler_get_state (self->scheduler);
      error = mr_quote_scheduler_get_error (self->scheduler);
    }

  if (state != MR_QUOTE_STATE_ERROR || error == NULL)
    {
      g_clear_handle_id (&self->retry_id, g_source_remove);
      self->retry_seconds = 0;
      self->error_action = ERROR_ACTION_NONE;
      mr_backoff_reset (&self->backoff);
      gtk_widget_set_visible (self->error_box, FALSE);
      return;
    }

  message = describe_error (error);
  /* a new error is said aloud once, not on every refresh */
  if (!gtk_widget_get_visible (self->error_box) ||
      g_strcmp0 (gtk_label_get_label (self->error_label), message) != 0)
    mr_announce (GTK_WIDGET (self), message);
  gtk_label_set_label (self->error_label, message);

  if (g_error_matches (error, MR_API_ERROR, MR_API_ERROR_UNAUTHORIZED) ||
      g_error_matches (error, MR_API_ERROR, MR_API_ERROR_FORBIDDEN) ||
      g_error_matches (error, MR_API_ERROR, MR_API_ERROR_INSECURE_URL))
    {
      action = ERROR_ACTION_PREFERENCES;
    }
  else if (g_error_matches (error, MR_API_ERROR, MR_API_ERROR_RATE_LIMITED))
    {
      retry_after = mr_api_error_get_retry_after (error);
      if (retry_after > 0)
        action = ERROR_ACTION_WAIT;
    }

  /* a new error restarts the countdown; the same one keeps counting */
  if (action != ERROR_ACTION_WAIT || self->error_action != ERROR_ACTION_WAIT)
    g_clear_handle_id (&self->retry_id, g_source_remove);

  switch (action)
    {
    case ERROR_ACTION_PREFERENCES:
      gtk_button_set_label (self->error_button, _("Open Preferences"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button), "app.preferences");
      gtk_widget_set_sensitive (GTK_WIDGET (self->error_button), TRUE);
      self->error_action = action;
      break;

    case ERROR_ACTION_WAIT:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button), NULL);
      if (self->retry_id == 0)
        {
          /* the one 429 policy: as long as the server asks */
          self->retry_seconds = mr_backoff_next_s (&self->backoff, error);
          self->retry_id = g_timeout_add_seconds (1, retry_tick_cb, self);
        }
      self->error_action = action;
      update_retry_button (self);
      break;

    case ERROR_ACTION_RETRY:
    case ERROR_ACTION_NONE:
    default:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button), NULL);
      self->retry_seconds = 0;
      self->error_action = ERROR_ACTION_RETRY;
      update_retry_button (self);
      break;
    }

  gtk_widget_set_visible (self->error_box, TRUE);
}

/* The parts of a problem's row, made once and filled again for each
 * problem it shows: the sidebar's rows and the full list's rows alike. */
typedef struct
{
  GtkWidget *box;
  GtkImage  *image;
  GtkLabel  *label;
  MrProblem *problem;     /* owned: the problem shown, to skip a refill */
  gboolean   brief;       /* shown with its short message */
  char      *name;        /* what the row is called, for screen readers */
} ProblemParts;

static void
problem_parts_free (ProblemParts *parts)
{
  g_clear_object (&parts->problem);
  g_free (parts->name);
  g_free (parts);
}

static ProblemParts *
problem_parts_new (void)
{
  ProblemParts *parts = g_new0 (ProblemParts, 1);

  parts->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (parts->box, "problem-box");

  parts->image = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (parts->image), GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (parts->image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"),
                                  -1);
  gtk_box_append (GTK_BOX (parts->box), GTK_WIDGET (parts->image));

  parts->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (parts->label, TRUE);
  gtk_label_set_wrap_mode (parts->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (parts->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (parts->label), TRUE);
  gtk_box_append (GTK_BOX (parts->box), GTK_WIDGET (parts->label));

  g_object_set_data_full (G_OBJECT (parts->box), "mr-problem-parts", parts,
                          (GDestroyNotify) problem_parts_free);

  return parts;
}

static ProblemParts *
problem_parts_get (GtkWidget *box)
{
  return box != NULL ? g_object_get_data (G_OBJECT (box), "mr-problem-parts") : NULL;
}

/* Shows @problem (or nothing) in @parts, and names @row after it; the
 * same problem again changes nothing, so a list that moves on only
 * refills the rows whose problem changed. @brief: after the domain in
 * bold, the sentence that does not name it again (the domains left out
 * of the price); the whole sentence is then the description. */
static void
problem_parts_show (ProblemParts *parts,
                    MrProblem    *problem,
                    gboolean      brief,
                    GtkWidget    *row)
{
  g_autofree char *markup = NULL;
  const char *message;
  gboolean warning;

  if (parts->problem == problem && parts->brief == brief)
    return;

  g_set_object (&parts->problem, problem);
  parts->brief = brief;
  g_clear_pointer (&parts->name, g_free);

  if (problem == NULL)
    {
      gtk_label_set_label (parts->label, "");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (parts->box), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  message = problem->message != NULL ? problem->message : "";
  if (brief && problem->domain != NULL)
    markup = g_markup_printf_escaped ("<b>%s</b> — %s", problem->domain,
                                      mr_problem_get_text (problem, brief));
  else if (problem->domain != NULL && problem->account_prefix != NULL && problem->account_prefix[0] != '\0')
    markup = g_markup_printf_escaped ("<b>%s@%s</b> — %s",
                                      problem->account_prefix, problem->domain, message);
  else if (problem->domain != NULL && g_str_has_prefix (message, problem->domain))
    /* the sentence names its domain already: make that name the bold part
     * instead of saying it twice */
    markup = g_markup_printf_escaped ("<b>%s</b>%s", problem->domain,
                                      message + strlen (problem->domain));
  else if (problem->domain != NULL)
    markup = g_markup_printf_escaped ("<b>%s</b> — %s", problem->domain, message);
  else
    markup = g_markup_escape_text (message, -1);
  gtk_label_set_markup (parts->label, markup);
  if (brief && problem->domain != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parts->box),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (parts->box), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  /* a warning sign only for what does not stop the order */
  warning = problem->severity == MR_PROBLEM_WARNING;
  gtk_image_set_from_icon_name (parts->image,
                                warning ? "dialog-warning-symbolic" : "action-unavailable-symbolic");
  if (warning)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (parts->image), "error");
      gtk_widget_add_css_class (GTK_WIDGET (parts->image), "warning");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (parts->image), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (parts->image), "error");
    }

  /* the row takes the focus: it says the problem, the label is decoration */
  parts->name = g_strdup (gtk_label_get_text (parts->label));
  if (row == NULL)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, parts->name,
                                  -1);
  if (problem->domain != NULL)
    {
      set_tooltip (row, _("Show this domain"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Press Enter to show this domain"),
                                      -1);
    }
  else
    {
      set_tooltip (row, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* A sidebar row of the problems list, made once and reused */
static GtkWidget *
problem_row_new (void)
{
  GtkWidget *row = gtk_list_box_row_new ();
  ProblemParts *parts = problem_parts_new ();

  gtk_widget_add_css_class (row, "problem-row");
  /* two lines at most in the sidebar: the whole sentence is in the full
   * list, the tooltip and the row's name */
  gtk_label_set_lines (parts->label, 2);
  gtk_label_set_ellipsize (parts->label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (parts->box, 8);
  gtk_widget_set_margin_bottom (parts->box, 8);
  gtk_widget_set_margin_start (parts->box, 10);
  gtk_widget_set_margin_end (parts->box, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), parts->box);
  gtk_widget_set_visible (row, FALSE);

  return row;
}

static void
problem_row_show (GtkWidget *row,
                  MrProblem *problem)
{
  ProblemParts *parts = problem_parts_get (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));

  problem_parts_show (parts, problem, FALSE, row);
  /* the sentence may be cut to two lines here: the tooltip has it all */
  set_tooltip (row, parts->name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row),
                                    problem != NULL && problem->domain != NULL);
  gtk_widget_set_visible (row, problem != NULL);
}

static MrProblem *
problem_row_get_problem (GtkWidget *row)
{
  ProblemParts *parts;

  if (!GTK_IS_LIST_BOX_ROW (row))
    return NULL;

  parts = problem_parts_get (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));

  return parts != NULL ? parts->problem : NULL;
}

/* A sidebar row of the "Not Included" list, made once and reused */
static GtkWidget *
excluded_row_new (void)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (row, "excluded-row");
  gtk_widget_set_visible (row, FALSE);

  return row;
}

static void
excluded_row_show (GtkWidget *row,
                   MrProblem *reason)
{
  MrProblem *shown = g_object_get_data (G_OBJECT (row), "mr-problem");

  if (shown == reason)
    return;

  /* the title names the domain: the subtitle says why without naming it
   * again ("Taken: it cannot be registered"), the description says the
   * whole sentence */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 reason != NULL && reason->domain != NULL ? reason->domain : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               reason != NULL ? mr_problem_get_text (reason, TRUE) : "");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), reason != NULL && reason->domain != NULL);
  set_tooltip (row, reason != NULL && reason->domain != NULL ?
                                    _("Show this domain") : NULL);
  /* after the tooltip, which GTK 4.8 makes the description too */
  if (reason != NULL && reason->message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason->message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_object_set_data_full (G_OBJECT (row), "mr-problem",
                          reason != NULL ? g_object_ref (reason) : NULL, g_object_unref);
  gtk_widget_set_visible (row, reason != NULL);
}

/* The last row of a sidebar list when there are more than it shows:
 * it opens the whole list */
static GtkWidget *
more_row_new (void)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  gtk_widget_add_css_class (row, "more-row");
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "accent");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_visible (row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Opens the whole list"),
                                  -1);

  return row;
}

static void
more_row_show (GtkWidget  *row,
               const char *text)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkLabel *label = GTK_LABEL (gtk_widget_get_first_child (box));

  if (text != NULL && g_strcmp0 (gtk_label_get_label (label), text) != 0)
    {
      gtk_label_set_label (label, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
    }
  gtk_widget_set_visible (row, text != NULL);
}

/* the problems the sidebar lists: an empty order has its own empty state,
 * and what is left out is listed under "Not Included" */
static gboolean
problem_is_listed (gpointer item,
                   gpointer user_data)
{
  MrProblem *problem = item;

  return problem->kind != MR_PROBLEM_ORDER_EMPTY &&
         !(problem->severity == MR_PROBLEM_WARNING && mr_problem_kind_excludes_domain (problem->kind));
}

/* ------------------------------------------------------------------ */
/* The whole list: every problem or every domain left out, in a list that
 * makes rows only for what is on screen, on its own page of the panel */

static GListModel *
full_list_source (MrPricingPanel *self)
{
  switch (self->list_kind)
    {
    case LIST_PROBLEMS:
      return G_LIST_MODEL (self->listed_problems);

    case LIST_EXCLUDED:
      return self->excluded;

    case LIST_NONE:
    default:
      return NULL;
    }
}

static gboolean
release_full_list_cb (gpointer user_data)
{
  MrPricingPanel *self = user_data;

  if (self->list_kind == LIST_NONE && self->full_list != NULL)
    gtk_list_view_set_model (self->full_list, NULL);

  return G_SOURCE_REMOVE;
}

static void
update_full_list_title (MrPricingPanel *self)
{
  GListModel *source = full_list_source (self);
  guint n = source != NULL ? g_list_model_get_n_items (source) : 0;
  g_autofree char *title = NULL;

  if (self->list_kind == LIST_NONE)
    return;

  /* nothing left to list: back to the quote (the list lets go of its
   * model once the change that emptied it is over) */
  if (n == 0)
    {
      self->list_kind = LIST_NONE;
      gtk_stack_set_visible_child_name (self->view_stack, "main");
      gtk_label_set_label (self->list_title, "");
      g_idle_add_full (G_PRIORITY_DEFAULT, release_full_list_cb, g_object_ref (self), g_object_unref);
      return;
    }

  if (self->list_kind == LIST_PROBLEMS)
    title = g_strdup_printf (ngettext ("%u Problem", "%u Problems", n), n);
  else
    /* Translators: the heading of the domains left out of the price */
    title = g_strdup_printf (ngettext ("%u Domain Not Included", "%u Domains Not Included", n), n);
  gtk_label_set_label (self->list_title, title);
}

static void
full_item_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  ProblemParts *parts = problem_parts_new ();

  gtk_widget_add_css_class (parts->box, "full-list-item");
  gtk_list_item_set_child (list_item, parts->box);
  gtk_list_item_set_selectable (list_item, FALSE);
}

static void
full_item_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   MrPricingPanel           *self)
{
  ProblemParts *parts = problem_parts_get (gtk_list_item_get_child (list_item));
  MrProblem *problem = gtk_list_item_get_item (list_item);

  gtk_list_item_set_activatable (list_item, problem != NULL && problem->domain != NULL);
  problem_parts_show (parts, problem, self->list_kind == LIST_EXCLUDED, NULL);
  mr_a11y_list_item_set_label (list_item, parts->name);
}

static void
full_list_activate_cb (MrPricingPanel *self,
                       guint           position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->full_list));
  g_autoptr(MrProblem) problem = model != NULL ? g_list_model_get_item (model, position) : NULL;

  if (problem != NULL && problem->domain != NULL)
    g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, problem->domain);
}

static void
open_list (MrPricingPanel *self,
           ListKind        kind)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GListModel *source;

  self->list_kind = kind;
  source = full_list_source (self);
  if (source == NULL)
    return;

  selection = gtk_no_selection_new (g_object_ref (source));
  gtk_list_view_set_model (self->full_list, GTK_SELECTION_MODEL (selection));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->full_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == LIST_PROBLEMS ? _("Problems") : _("Not included"),
                                  -1);
  update_full_list_title (self);
  if (self->list_kind == LIST_NONE)
    return;

  /* the keyboard goes with it: to the first row when the list has made
   * it, else to Back, a Tab away from the rows */
  gtk_stack_set_visible_child_name (self->view_stack, "list");
  if (!gtk_widget_grab_focus (GTK_WIDGET (self->full_list)))
    gtk_widget_grab_focus (self->list_back_button);
}

static void
list_back_clicked_cb (MrPricingPanel *self)
{
  mr_pricing_panel_close_list (self);
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  MrPricingPanel *self = MR_PRICING_PANEL (widget);

  if (self->list_kind == LIST_NONE)
    return FALSE;

  mr_pricing_panel_close_list (self);

  return TRUE;
}

/* ------------------------------------------------------------------ */

/* A scrolled window with nothing inside to focus takes the focus itself,
 * unnamed: the panel's is in the focus chain only while it holds
 * something to focus (the price lines, a button, a row). */
static void
update_focus_chain (MrPricingPanel *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean can_focus = g_strcmp0 (page, "quote") == 0 ||
                       gtk_widget_get_visible (self->error_box) ||
                       gtk_widget_get_visible (self->excluded_section);

  gtk_widget_set_can_focus (self->main_scroller, can_focus);
}

static void
update_excluded (MrPricingPanel *self)
{
  guint n = self->excluded ? g_list_model_get_n_items (self->excluded) : 0;
  g_autofree char *header = NULL;
  g_autofree char *more = NULL;

  /* the rows under "Not Included", made once, when there is one to show */
  if (self->excluded_more_row == NULL)
    {
      if (n == 0)
        {
          gtk_widget_set_visible (self->excluded_section, FALSE);
          update_focus_chain (self);
          return;
        }

      for (guint i = 0; i < G_N_ELEMENTS (self->excluded_rows); i++)
        {
          self->excluded_rows[i] = excluded_row_new ();
          gtk_list_box_append (self->excluded_list, self->excluded_rows[i]);
        }
      self->excluded_more_row = more_row_new ();
      gtk_list_box_append (self->excluded_list, self->excluded_more_row);
    }

  for (guint i = 0; i < G_N_ELEMENTS (self->excluded_rows); i++)
    {
      g_autoptr(MrProblem) reason = i < N_SHOWN (n, MAX_EXCLUDED_ROWS) ?
                                    g_list_model_get_item (self->excluded, i) : NULL;

      excluded_row_show (self->excluded_rows[i], reason);
    }

  if (N_SHOWN (n, MAX_EXCLUDED_ROWS) < n)
    more = g_strdup_printf (ngettext ("Show All %u Domain", "Show All %u Domains", n), n);
  more_row_show (self->excluded_more_row, more);

  /* Translators: the heading of the domains left out of the price */
  header = g_strdup_printf (ngettext ("%u Domain Not Included", "%u Domains Not Included", n), n);
  gtk_label_set_label (self->excluded_label, header);
  gtk_widget_set_visible (self->excluded_section, n > 0);
  update_focus_chain (self);

  if (self->list_kind == LIST_EXCLUDED)
    update_full_list_title (self);
}

static void
excluded_row_activated_cb (MrPricingPanel *self,
                           GtkListBoxRow  *row)
{
  MrProblem *reason = g_object_get_data (G_OBJECT (row), "mr-problem");

  if (GTK_WIDGET (row) == self->excluded_more_row)
    open_list (self, LIST_EXCLUDED);
  else if (reason != NULL && reason->domain != NULL)
    g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, reason->domain);
}

static void
update_problems (MrPricingPanel *self)
{
  GListModel *listed = G_LIST_MODEL (self->listed_problems);
  guint total = g_list_model_get_n_items (listed);
  g_autofree char *header = NULL;
  g_autofree char *more = NULL;
  gboolean blocking = FALSE;

  /* no quote shown yet (the page may be made ahead, hidden): the
   * problems are listed under the first one */
  if (!self->quote_page_used)
    return;

  /* the first few, in rows made once: a row whose problem did not change
   * is left as it is */
  for (guint i = 0; i < G_N_ELEMENTS (self->problem_rows); i++)
    {
      g_autoptr(MrProblem) problem = i < N_SHOWN (total, MAX_PROBLEM_ROWS) ?
                                     g_list_model_get_item (listed, i) : NULL;

      problem_row_show (self->problem_rows[i], problem);
    }

  /* the rest are a click (or Enter) away, and on the rows they name */
  if (N_SHOWN (total, MAX_PROBLEM_ROWS) < total)
    more = g_strdup_printf (ngettext ("Show All %u Problem", "Show All %u Problems", total), total);
  more_row_show (self->problems_more_row, more);

  /* red while something stops the order, a warning when nothing does */
  for (guint i = 0; i < total && !blocking; i++)
    {
      g_autoptr(MrProblem) problem = g_list_model_get_item (listed, i);

      blocking = problem->severity == MR_PROBLEM_BLOCKS;
    }
  gtk_image_set_from_icon_name (self->problems_icon,
                                blocking ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  if (blocking)
    {
      gtk_widget_remove_css_class (self->problems_header, "warning");
      gtk_widget_add_css_class (self->problems_header, "error");
    }
  else
    {
      gtk_widget_remove_css_class (self->problems_header, "error");
      gtk_widget_add_css_class (self->problems_header, "warning");
    }

  header = g_strdup_printf (ngettext ("%u Problem", "%u Problems", total), total);
  gtk_label_set_label (self->problems_label, header);
  gtk_widget_set_visible (self->problems_section, total > 0);

  if (self->list_kind == LIST_PROBLEMS)
    update_full_list_title (self);
}

/* A new quote updates the figures in the rows on screen; only the
 * domains that are new or gone add or remove rows. The list names the
 * first @max_lines of the quote's items. */
static void
show_lines (MrPricingPanel *self,
            guint           max_lines)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  MrQuote *quote = self->shown_quote;

  for (guint i = 0; quote != NULL && quote->order_items != NULL && i < quote->order_items->len && i < max_lines; i++)
    {
      const MrQuoteItem *item = g_ptr_array_index (quote->order_items, i);

      g_ptr_array_add (names, item->domain != NULL ? item->domain : (char *) "");
    }

  splice_domains (self->domains, names);
  for (guint i = 0; i < self->bound->len; i++)
    fill_item (self, g_ptr_array_index (self->bound, i));
}

static void
cancel_later_lines (MrPricingPanel *self)
{
  if (self->lines_handler != 0)
    g_clear_signal_handler (&self->lines_handler, self->lines_clock);
  g_clear_object (&self->lines_clock);
}

/* the lines put off to the next frame are made: after its paint, or when
 * the panel goes away from its window before that */
static void
finish_lines (MrPricingPanel *self)
{
  if (self->lines_handler == 0)
    return;

  cancel_later_lines (self);
  show_lines (self, G_MAXUINT);
}

static void problem_row_activated_cb (MrPricingPanel *self,
                                      GtkListBoxRow  *row);

#define PART(type, name) \
  self->name = type (mr_pricing_panel_quote_get_part (MR_PRICING_PANEL_QUOTE (self->quote_page), #name))

/* The quote page, made for the first quote the panel shows: an empty
 * order starts without its lines, totals and problems (issue 13). */
static void
ensure_quote_page (MrPricingPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  if (self->quote_page != NULL)
    return;

  self->quote_page = mr_pricing_panel_quote_new ();
  PART (GTK_WIDGET, items_scroller);
  PART (GTK_LIST_VIEW, items_view);
  PART (GTK_WIDGET, totals_grid);
  PART (GTK_LABEL, due_label);
  PART (GTK_LABEL, updating_label);
  PART (GTK_LABEL, month_label);
  PART (GTK_LABEL, year_label);
  PART (GTK_LABEL, discount_label);
  PART (GTK_WIDGET, free_caption);
  PART (GTK_LABEL, free_label);
  PART (GTK_WIDGET, problems_section);
  PART (GTK_LABEL, problems_label);
  PART (GTK_WIDGET, problems_header);
  PART (GTK_IMAGE, problems_icon);
  PART (GTK_LIST_BOX, problems_list);
  PART (GTK_WIDGET, quote_filler);

  g_signal_connect_object (self->problems_list, "row-activated",
                           G_CALLBACK (problem_row_activated_cb), self, G_CONNECT_SWAPPED);

  /* the sidebar's rows, made once: each list shows its first few */
  for (guint i = 0; i < G_N_ELEMENTS (self->problem_rows); i++)
    {
      self->problem_rows[i] = problem_row_new ();
      gtk_list_box_append (self->problems_list, self->problem_rows[i]);
    }
  self->problems_more_row = more_row_new ();
  gtk_list_box_append (self->problems_list, self->problems_more_row);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (item_unbind_cb), self);
  gtk_list_view_set_factory (self->items_view, factory);

  /* a quote for many domains shows its lines over a few frames */
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->domains)));
  self->fill = mr_fill_model_new (GTK_SELECTION_MODEL (selection), GTK_WIDGET (self->items_view));
  gtk_list_view_set_model (self->items_view, GTK_SELECTION_MODEL (self->fill));

  gtk_stack_add_named (self->stack, self->quote_page, "quote");
  mr_a11y_fix_template (self->quote_page);
}

#undef PART

/* ------------------------------------------------------------------ */
/* While the first quote of an order is on its way ("Getting a Price…"),
 * its page is made and measured, a little a frame, so that the frame the
 * quote comes in only fills it in: for a first quote of 1,000 domains,
 * making the page and loading the dozen fonts of its labels and lines
 * (their sizes are the panel's own) were a third of that frame. */

/* a frame spends at most about this on it, past its first step */
#define PREWARM_BUDGET_US 1000
/* what a label is tried with besides its own text: the figures of a quote */
#define PREWARM_FIGURES " $0123456789,.-/"
#define PREWARM_WIDTH   300

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, g_object_ref (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* loads the label's font, shapes and draws the glyphs a quote uses in it
 * (off screen: the first paint of a font's glyphs makes their images, as
 * much as the rest of that frame), and measures the label: one whose
 * text stays is not measured again when it shows */
static void
prewarm_label (GtkWidget *label)
{
  /* the label's own layout has its style's attributes (tabular figures) */
  g_autoptr(PangoLayout) layout = pango_layout_copy (gtk_label_get_layout (GTK_LABEL (label)));
  g_autofree char *text = g_strconcat (pango_layout_get_text (layout), PREWARM_FIGURES, NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  int width, height;
  int min, nat;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (layout, -1);
  pango_layout_set_width (layout, PREWARM_WIDTH * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, MAX (width, 1), MAX (height, 1));
  cr = cairo_create (surface);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, nat, &min, &nat, NULL, NULL);
}

/* the fonts of the price lines: a row like theirs, in the quote page
 * while it is hidden, and taken out again before the page shows */
static GtkWidget *
prewarm_row_new (void)
{
  GtkWidget *box = item_box_new ();
  ItemBlock *block = g_object_get_data (G_OBJECT (box), "mr-item-block");

  gtk_label_set_label (block->domain, "example-outreach.com");
  gtk_label_set_label (block->captions, "Domain, first year (free)\n5 mailboxes, per domain");
  gtk_label_set_label (block->values, "$0.00\n$123,456.79");

  return box;
}

static void
prewarm_stop (MrPricingPanel *self)
{
  if (self->prewarm_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->prewarm_id);
  self->prewarm_id = 0;
  g_clear_pointer (&self->prewarm_labels, g_ptr_array_unref);
  if (self->prewarm_row != NULL)
    gtk_box_remove (GTK_BOX (self->quote_page), self->prewarm_row);
  self->prewarm_row = NULL;
}

static gboolean
prewarm_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  MrPricingPanel *self = MR_PRICING_PANEL (widget);
  gint64 start = g_get_monotonic_time ();

  /* the frame that first shows "Getting a Price…" is left alone (at
   * start-up, the window's first) */
  if (self->prewarm_ticks++ == 0)
    return G_SOURCE_CONTINUE;

  /* the quote came, or will not: the rest is done when it is shown */
  if (self->shown_quote != NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") != 0)
    {
      self->prewarm_id = 0;
      prewarm_stop (self);
      return G_SOURCE_REMOVE;
    }

  /* a frame of its own for the page; its problems are listed when the
   * quote shows (filled in the hidden page, test-a11y lost the window
   * over AT-SPI at the confirmation in 3 of 4 runs on a loaded machine) */
  if (self->quote_page == NULL)
    {
      ensure_quote_page (self);
      self->prewarm_labels = g_ptr_array_new_with_free_func (g_object_unref);
      collect_labels (self->quote_page, self->prewarm_labels);
      self->prewarm_row = prewarm_row_new ();
      gtk_box_append (GTK_BOX (self->quote_page), self->prewarm_row);
      collect_labels (self->prewarm_row, self->prewarm_labels);
      return G_SOURCE_CONTINUE;
    }

  if (self->prewarm_labels == NULL)
    {
      self->prewarm_id = 0;
      prewarm_stop (self);
      return G_SOURCE_REMOVE;
    }

  while (self->prewarm_next < self->prewarm_labels->len)
    {
      prewarm_label (g_ptr_array_index (self->prewarm_labels, self->prewarm_next++));
      if (g_get_monotonic_time () - start >= PREWARM_BUDGET_US)
        return G_SOURCE_CONTINUE;
    }

  self->prewarmed = TRUE;
  self->prewarm_id = 0;
  prewarm_stop (self);

  return G_SOURCE_REMOVE;
}

static void
prewarm_start (MrPricingPanel *self)
{
  if (self->prewarmed || self->prewarm_id != 0 || self->quote_page != NULL)
    return;

  self->prewarm_ticks = 0;
  self->prewarm_next = 0;
  self->prewarm_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), prewarm_tick_cb, NULL, NULL);
}

static void
show_quote (MrPricingPanel *self,
            MrQuote        *quote)
{
  g_autofree char *free_text = NULL;
  GdkFrameClock *clock;
  guint n_items;
  guint n_free;

  if (self->shown_quote == quote)
    return;

  g_clear_pointer (&self->shown_quote, mr_quote_unref);
  g_clear_pointer (&self->shown_sheet, mr_quote_sheet_unref);
  if (quote != NULL)
    {
      self->shown_quote = mr_quote_ref (quote);
      self->shown_sheet = mr_quote_sheet_new (quote, MR_ORDER_TYPE_DFY, FALSE, NULL);
    }
  n_items = quote != NULL && quote->order_items != NULL ? quote->order_items->len : 0;

  /* what was made ahead is done; its row goes before the page shows */
  prewarm_stop (self);
  if (quote != NULL)
    {
      ensure_quote_page (self);
      self->quote_page_used = TRUE;
    }
  else if (!self->quote_page_used)
    {
      return;
    }

  /* A list never laid out (the first quote of an order) shows its first
   * few lines with the totals, and the rest from the frame after: the
   * list then has its own height, and makes rows for what it shows of it
   * (MrFillModel), not for the height of the window. Rows whose labels
   * are all measured for the first time were most of that frame. */
  cancel_later_lines (self);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock != NULL && n_items > MAX_NATURAL_ITEMS &&
      g_list_model_get_n_items (G_LIST_MODEL (self->domains)) == 0 &&
      gtk_widget_get_height (GTK_WIDGET (self->items_view)) == 0)
    {
      self->lines_clock = g_object_ref (clock);
      self->lines_handler = g_signal_connect_swapped (clock, "after-paint",
                                                      G_CALLBACK (finish_lines), self);
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
      show_lines (self, FIRST_LINES);
    }
  else
    {
      show_lines (self, G_MAXUINT);
    }

  /* a short list is as tall as its lines; a long one takes the room
   * there is, without the scroller measuring every line for its height */
  {
    gboolean natural = n_items <= MAX_NATURAL_ITEMS;

    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->items_scroller),
                                                      natural);
    gtk_widget_set_vexpand (self->items_scroller, !natural);
    gtk_widget_set_vexpand (self->quote_filler, natural);
  }

  if (quote != NULL)
    {
      set_quote_money (self->due_label, quote, MR_QUOTE_FIELD_TOTAL_PRICE, quote->total_price);
      set_quote_money (self->month_label, quote, MR_QUOTE_FIELD_TOTAL_PRICE_PER_MONTH,
                       quote->total_price_per_month);
      set_quote_money (self->year_label, quote, MR_QUOTE_FIELD_TOTAL_PRICE_PER_YEAR,
                       quote->total_price_per_year);
      set_quote_money (self->discount_label, quote, MR_QUOTE_FIELD_TOTAL_DISCOUNT,
                       quote->total_discount > 0 ? -quote->total_discount : 0);

      n_free = quote->free_domains != NULL ? g_strv_length (quote->free_domains) : 0;
      free_text = g_strdup_printf ("%u", n_free);
      gtk_label_set_label (self->free_label, free_text);
      gtk_widget_set_visible (self->free_caption, n_free > 0);
      gtk_widget_set_visible (GTK_WIDGET (self->free_label), n_free > 0);
    }

  update_problems (self);
}

/* The totals of a new current quote are said aloud once, when they
 * change: one sentence however many rows the edit touched (the scheduler
 * waits for edits to settle, one quote for a paste of 50), and nothing
 * when an edit leaves the price as it was. */
static void
announce_totals (MrPricingPanel *self,
                 MrQuote        *quote)
{
  g_autofree char *due = mr_money_format (quote->total_price);
  g_autofree char *month = mr_money_format (quote->total_price_per_month);
  g_autofree char *year = mr_money_format (quote->total_price_per_year);
  g_autofree char *text = NULL;

  /* Translators: said aloud when the price changes */
  text = g_strdup_printf (_("Due now %s, then %s per month and %s per year"), due, month, year);
  if (g_strcmp0 (text, self->announced) == 0)
    return;

  g_free (self->announced);
  self->announced = g_steal_pointer (&text);
  self->n_announced++;

#if GTK_CHECK_VERSION (4, 14, 0)
  /* GTK 4.8 cannot announce: its stand-in (mr_announce ()) puts the words
   * in the focused field's description, where a price would be read again,
   * out of date, each time the field is focused */
  mr_announce (GTK_WIDGET (self), self->announced);
#endif
}

static void
update_state (MrPricingPanel *self)
{
  MrQuoteView view;
  const char *state_text = NULL;
  const char *state_icon = NULL;
  const char *page;
  gboolean busy = FALSE;

  mr_quote_view_read (&view, self->scheduler);
  show_quote (self, view.quote);
  if (view.state == MR_QUOTE_STATE_FRESH && view.current && self->shown_quote != NULL)
    announce_totals (self, self->shown_quote);

  switch (view.state)
    {
    case MR_QUOTE_STATE_QUOTING:
    case MR_QUOTE_STATE_STALE:
      /* the scheduler is waiting for edits to settle or for the reply */
      state_text = _("Updating…");
      busy = TRUE;
      break;

    case MR_QUOTE_STATE_FRESH:
      if (view.current)
        {
          state_text = _("Updated");
          state_icon = "object-select-symbolic";
        }
      else
        {
          state_text = _("Out of date");
          state_icon = "view-refresh-symbolic";
        }
      break;

    case MR_QUOTE_STATE_ERROR:
      if (self->shown_quote != NULL)
        {
          state_text = _("Out of date");
          state_icon = "dialog-error-symbolic";
        }
      break;

    case MR_QUOTE_STATE_IDLE:
    default:
      break;
    }

  gtk_label_set_label (self->state_label, state_text);
  gtk_image_set_from_icon_name (self->state_icon, state_icon);
  gtk_widget_set_visible (GTK_WIDGET (self->state_icon), state_icon != NULL && !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (self->state_box, state_text != NULL);

  if (view.state == MR_QUOTE_STATE_IDLE && self->scheduler != NULL)
    page = "empty";
  else if (self->shown_quote != NULL)
    page = "quote";
  else if (view.state == MR_QUOTE_STATE_ERROR)
    page = "none";
  else if (self->scheduler != NULL)
    page = "loading";
  else
    page = "empty";

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
  if (g_str_equal (page, "loading"))
    prewarm_start (self);

  /* an older quote stays readable, but never looks like the current one */
  if (self->quote_page != NULL)
    {
      gtk_widget_set_opacity (self->items_scroller, view.current ? 1.0 : DIMMED_OPACITY);
      for (GtkWidget *child = gtk_widget_get_first_child (self->totals_grid);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (child != GTK_WIDGET (self->updating_label))
            gtk_widget_set_opacity (child, view.current ? 1.0 : DIMMED_OPACITY);
        }
      gtk_label_set_label (self->updating_label, busy ? _("Updating…") : _("Out of date"));
      gtk_widget_set_visible (GTK_WIDGET (self->updating_label), !view.current);
    }

  update_error (self);
  update_focus_chain (self);
}

static void
scheduler_notify_cb (MrPricingPanel *self)
{
  update_state (self);
}

static void
error_button_clicked_cb (MrPricingPanel *self)
{
  if (self->error_action == ERROR_ACTION_RETRY && self->scheduler != NULL)
    mr_quote_scheduler_refresh (self->scheduler);
}

static void
problem_row_activated_cb (MrPricingPanel *self,
                          GtkListBoxRow  *row)
{
  MrProblem *problem = problem_row_get_problem (GTK_WIDGET (row));

  if (GTK_WIDGET (row) == self->problems_more_row)
    open_list (self, LIST_PROBLEMS);
  else if (problem != NULL && problem->domain != NULL)
    g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, problem->domain);
}

static void
mr_pricing_panel_dispose (GObject *object)
{
  MrPricingPanel *self = (MrPricingPanel *)object;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  cancel_later_lines (self);
  prewarm_stop (self);
  mr_unwatch_quote_scheduler (&self->scheduler, self);
  /* the models may outlive the panel: it stops following them */
  if (self->listed_problems != NULL)
    g_signal_handlers_disconnect_by_data (self->listed_problems, self);
  if (self->excluded != NULL)
    g_signal_handlers_disconnect_by_data (self->excluded, self);

  /* the bin lets go of its child (a template child) before the template does */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MR_TYPE_PRICING_PANEL);

  G_OBJECT_CLASS (mr_pricing_panel_parent_class)->dispose (object);
}

static void
mr_pricing_panel_finalize (GObject *object)
{
  MrPricingPanel *self = (MrPricingPanel *)object;

  g_clear_pointer (&self->announced, g_free);
  g_clear_pointer (&self->shown_quote, mr_quote_unref);
  g_clear_pointer (&self->shown_sheet, mr_quote_sheet_unref);
  g_clear_object (&self->listed_problems);
  g_clear_object (&self->problems);
  g_clear_object (&self->excluded);
  g_clear_object (&self->fill);
  g_clear_object (&self->domains);
  g_clear_pointer (&self->bound, g_ptr_array_unref);

  G_OBJECT_CLASS (mr_pricing_panel_parent_class)->finalize (object);
}

static void
mr_pricing_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MrPricingPanel *self = MR_PRICING_PANEL (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      g_value_set_object (value, self->scheduler);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_pricing_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MrPricingPanel *self = MR_PRICING_PANEL (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      mr_pricing_panel_set_scheduler (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mr_pricing_panel_class_init (MrPricingPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mr_pricing_panel_dispose;
  object_class->finalize = mr_pricing_panel_finalize;
  object_class->get_property = mr_pricing_panel_get_property;
  object_class->set_property = mr_pricing_panel_set_property;

  properties[PROP_SCHEDULER] =
    g_param_spec_object ("scheduler", NULL, NULL,
                         MR_TYPE_QUOTE_SCHEDULER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (MR_TYPE_EMPTY_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mailroom/Mailroom/mr-pricing-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, state_box);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, state_icon);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, state_label);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, error_box);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, error_button);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, excluded_section);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, excluded_label);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, excluded_list);
  gtk_widget_class_bind_template_callback (widget_class, excluded_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, error_button_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, main_scroller);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, list_title);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, list_back_button);
  gtk_widget_class_bind_template_child (widget_class, MrPricingPanel, full_list);
  gtk_widget_class_bind_template_callback (widget_class, list_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, full_list_activate_cb);

  /* Escape on the whole list goes back to the quote */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
mr_pricing_panel_init (MrPricingPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  mr_backoff_init (&self->backoff, MR_BACKOFF_MIN_MS, 600 * 1000);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->domains = gtk_string_list_new (NULL);
  self->bound = g_ptr_array_new ();
  g_signal_connect (self, "unrealize", G_CALLBACK (finish_lines), NULL);
  self->listed_problems = gtk_filter_list_model_new (NULL,
                                                     GTK_FILTER (gtk_custom_filter_new (problem_is_listed,
                                                                                        NULL, NULL)));
  g_signal_connect_object (self->listed_problems, "items-changed", G_CALLBACK (update_problems), self,
                           G_CONNECT_SWAPPED);


  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (full_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (full_item_bind_cb), self);
  gtk_list_view_set_factory (self->full_list, factory);

  update_state (self);

  /* accessible names GTK 4.8 and libadwaita 1.2 get wrong (mr-a11y.h) */
  mr_a11y_fix_template (GTK_WIDGET (self));
}

GtkWidget *
mr_pricing_panel_new (void)
{
  return g_object_new (MR_TYPE_PRICING_PANEL, NULL);
}

MrQuoteScheduler *
mr_pricing_panel_get_scheduler (MrPricingPanel *self)
{
  g_return_val_if_fail (MR_IS_PRICING_PANEL (self), NULL);

  return self->scheduler;
}

void
mr_pricing_panel_set_scheduler (MrPricingPanel   *self,
                                MrQuoteScheduler *scheduler)
{
  g_return_if_fail (MR_IS_PRICING_PANEL (self));
  g_return_if_fail (scheduler == NULL || MR_IS_QUOTE_SCHEDULER (scheduler));

  if (!mr_watch_quote_scheduler (&self->scheduler, scheduler, self,
                                 G_CALLBACK (scheduler_notify_cb)))
    return;

  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULER]);
}

void
mr_pricing_panel_set_excluded (MrPricingPanel *self,
                               GListModel     *excluded)
{
  g_return_if_fail (MR_IS_PRICING_PANEL (self));
  g_return_if_fail (!excluded || G_IS_LIST_MODEL (excluded));

  if (self->excluded == excluded)
    return;

  if (self->excluded != NULL)
    g_signal_handlers_disconnect_by_func (self->excluded, update_excluded, self);
  g_set_object (&self->excluded, excluded);

  if (excluded != NULL)
    g_signal_connect_object (excluded, "items-changed", G_CALLBACK (update_excluded), self,
                             G_CONNECT_SWAPPED);

  update_excluded (self);
}

void
mr_pricing_panel_set_problems (MrPricingPanel *self,
                               GListModel     *problems)
{
  g_return_if_fail (MR_IS_PRICING_PANEL (self));
  g_return_if_fail (!problems || G_IS_LIST_MODEL (problems));

  if (self->problems == problems)
    return;

  g_set_object (&self->problems, problems);
  /* the filter follows the model; its changes update the sidebar */
  gtk_filter_list_model_set_model (self->listed_problems, problems);

  update_problems (self);
}

/* Goes back from the whole list of problems or of the domains left out
 * to the quote, if it is open. */
void
mr_pricing_panel_close_list (MrPricingPanel *self)
{
  GtkWidget *more;
  gboolean had_focus;

  g_return_if_fail (MR_IS_PRICING_PANEL (self));

  if (self->list_kind == LIST_NONE)
    return;

  /* the keyboard goes back to the row that opened the list */
  more = self->list_kind == LIST_PROBLEMS ? self->problems_more_row : self->excluded_more_row;
  had_focus = gtk_widget_get_focus_child (gtk_stack_get_child_by_name (self->view_stack, "list")) != NULL;

  self->list_kind = LIST_NONE;
  gtk_stack_set_visible_child_name (self->view_stack, "main");
  gtk_list_view_set_model (self->full_list, NULL);
  gtk_label_set_label (self->list_title, "");

  if (had_focus && gtk_widget_get_visible (more))
    gtk_widget_grab_focus (more);
}

/* Whether the panel crossfades between its pages (empty, getting a price,
 * the quote); the window turns this off while it opens on a restored draft,
 * so the draft's quote appears in place on the frame it arrives in. */
void
mr_pricing_panel_set_animated (MrPricingPanel *self,
                               gboolean        animated)
{
  g_return_if_fail (MR_IS_PRICING_PANEL (self));

  gtk_stack_set_transition_type (self->stack, animated ? GTK_STACK_TRANSITION_TYPE_CROSSFADE
                                                       : GTK_STACK_TRANSITION_TYPE_NONE);
}

const char *
mr_pricing_panel_get_announced (MrPricingPanel *self)
{
  g_return_val_if_fail (MR_IS_PRICING_PANEL (self), NULL);

  return self->announced;
}

guint
mr_pricing_panel_get_n_announced (MrPricingPanel *self)
{
  g_return_val_if_fail (MR_IS_PRICING_PANEL (self), 0);

  return self->n_announced;
}

gboolean
mr_pricing_panel_get_adding_lines (MrPricingPanel *self)
{
  g_return_val_if_fail (MR_IS_PRICING_PANEL (self), FALSE);

  return self->lines_handler != 0;
}
