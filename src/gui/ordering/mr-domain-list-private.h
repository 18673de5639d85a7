/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mr-domain-list.h"
#include "mr-domain-row.h"
#include "mr-fill-model.h"
#include "mr-problem-index.h"

G_BEGIN_DECLS

/* the key under which a bound row keeps its GtkListItem */
#define MR_DOMAIN_LIST_ITEM_KEY "mr-list-item"

/* Between the domain list and its rows. The list keeps the rows it has
 * bound by domain key and tells only the rows of a domain what changed
 * for it (its problems, its availability, its similar domains). */

/* @row now shows the domain with key @new_key (NULL: none) instead of
 * @old_key (NULL: none) */
void _mr_domain_list_rekey_row          (MrDomainList *self,
                                         MrDomainRow  *row,
                                         const char   *old_key,
                                         const char   *new_key);

void _mr_domain_row_update_item         (MrDomainRow  *self);
void _mr_domain_row_update_problems     (MrDomainRow  *self);
void _mr_domain_row_update_status       (MrDomainRow  *self);
void _mr_domain_row_update_suggestions  (MrDomainRow  *self);
/* the row's button after (before) @from, one of them or the row itself:
 * Remove, then the suggestions; NULL past the last (first) */
GtkWidget *_mr_domain_row_next_button   (MrDomainRow      *self,
                                         GtkWidget        *from,
                                         GtkDirectionType  direction);
/* shows the check of selection mode (or not), checked when @selected */
void _mr_domain_row_set_selected        (MrDomainRow  *self,
                                         gboolean      selection_mode,
                                         gboolean      selected);

/* A GtkListView keeps about 200 rows alive, most of them far off screen.
 * A row far off screen puts off what changed for it (_mr_domain_row_defer)
 * and the list brings it up to date before it can be seen: at once when
 * it comes near, else a few rows a frame (_mr_domain_list_defer_row).
 * Reading what a row says brings it up to date first. */
typedef enum
{
  MR_ROW_UPDATE_ITEM        = 1 << 0,
  MR_ROW_UPDATE_STATUS      = 1 << 1,
  MR_ROW_UPDATE_PROBLEMS    = 1 << 2,
  MR_ROW_UPDATE_SUGGESTIONS = 1 << 3,
  /* measured for real: it answered with the size of a row like it */
  MR_ROW_UPDATE_SIZE        = 1 << 4,
} MrRowUpdate;

gboolean _mr_domain_list_row_is_near    (MrDomainList *self,
                                         MrDomainRow  *row);
void _mr_domain_list_defer_row          (MrDomainList *self,
                                         MrDomainRow  *row,
                                         MrRowUpdate   what);
void _mr_domain_row_defer               (MrDomainRow  *self,
                                         MrRowUpdate   what);
/* applies what it put off; FALSE when there was nothing */
gboolean _mr_domain_row_flush           (MrDomainRow  *self);

/* The domain list's own files share its struct: mr-domain-list.c (the
 * widget, its order, session and checks), mr-domain-list-rows.c (the rows
 * it has bound, by domain key, and what they put off),
 * mr-domain-list-selection.c (selection and the keyboard) and
 * mr-domain-list-entry.c (domains typed and pasted). */
struct _MrDomainList
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkWidget          *entry_box;
  GtkEntry           *entry;
  GtkWidget          *add_button;
  GtkWidget          *preview_box;
  GtkImage           *preview_icon;
  GtkLabel           *preview_label;
  GtkLabel           *title_label;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkListView        *list_view;

  MrOrder            *order;
  GtkMultiSelection  *selection;
  MrFillModel        *fill;       /* what the list view shows of the selection */
  MrOrderItem        *current;    /* the one the editor shows while many are selected */
  GtkWidget          *select_button;
  GtkRevealer        *selection_revealer;
  GtkLabel           *selection_label;
  MrDomainChecker    *checker;
  MrApiClient        *client;
  GCancellable       *cancellable;
  MrOrderType         order_type;

  MrOrderSession     *session;
  GSignalGroup       *session_signals;
  MrProblemIndex     *index;      /* the session's shown problems by domain key */
  GHashTable         *rows;       /* key -> GPtrArray of the MrDomainRow bound to it */
  GHashTable         *stale;      /* MrDomainRow (bound) that put off an update */
  guint               stale_tick;
  gint64              range_frame; /* the frame shown_range() was found for */
  guint               range_first;
  guint               range_last;
  GHashTable         *similar;    /* key -> GStrv (NULL while asked) */
  GPtrArray          *preloaded;  /* GtkIconPaintable of the rows' icons, drawn once */
  guint               preload_id;

  char               *preview_domain;
  guint               preview_id;
  guint               selecting : 1;
};

typedef void (*MrRowUpdateFunc) (MrDomainRow *row);

/* mr-domain-list.c: its signals and properties */
void     _mr_domain_list_emit_item_activated    (MrDomainList    *self,
                                                 MrOrderItem     *item);
void     _mr_domain_list_emit_remove_requested  (MrDomainList    *self,
                                                 guint            position);
void     _mr_domain_list_emit_remove_selected_requested (MrDomainList *self);
void     _mr_domain_list_emit_domains_skipped   (MrDomainList    *self,
                                                 guint            n_skipped);
void     _mr_domain_list_notify_selected_item   (MrDomainList    *self);
void     _mr_domain_list_notify_n_selected      (MrDomainList    *self);

/* mr-domain-list-rows.c */
void     _mr_domain_list_init_rows              (MrDomainList    *self);
void     _mr_domain_list_dispose_rows           (MrDomainList    *self);
/* @update now for the rows of @key near the screen, later for the others */
void     _mr_domain_list_update_rows_for        (MrDomainList    *self,
                                                 const char      *key,
                                                 MrRowUpdateFunc  update);
void     _mr_domain_list_update_all_rows        (MrDomainList    *self,
                                                 MrRowUpdateFunc  update);
/* brings the rows around @position up to date before the list jumps there */
void     _mr_domain_list_flush_rows_around      (MrDomainList    *self,
                                                 guint            position);

/* mr-domain-list-selection.c */
void     _mr_domain_list_class_init_selection   (GtkWidgetClass  *widget_class);
void     _mr_domain_list_init_selection         (MrDomainList    *self);
void     _mr_domain_list_init_keys              (MrDomainList    *self);
guint    _mr_domain_list_count_selected         (MrDomainList    *self);
void     _mr_domain_list_update_row_selected    (MrDomainList    *self,
                                                 GtkListItem     *list_item);
void     _mr_domain_list_select_position        (MrDomainList    *self,
                                                 guint            position,
                                                 gboolean         scroll);

/* mr-domain-list-entry.c */
void     _mr_domain_list_class_init_entry       (GtkWidgetClass  *widget_class);
void     _mr_domain_list_init_entry             (MrDomainList    *self);
void     _mr_domain_list_update_preview         (MrDomainList    *self);

G_END_DECLS
