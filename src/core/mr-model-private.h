/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What MrAccount, MrOrderItem and MrOrder share: string properties that
 * read NULL as "", and a GPtrArray of children, each watched for its
 * "changed" signal, behind a GListModel. */

/* Stores @value (NULL as "") in @field; TRUE when it changed */
static inline gboolean
_mr_replace_string (char       **field,
                    const char  *value)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

/* A setter's body: when the value changed, notify @pspec, then emit
 * @changed_signal (no arguments) on @object. */
static inline void
_mr_set_string_property (gpointer     object,
                         char       **field,
                         const char  *value,
                         GParamSpec  *pspec,
                         guint        changed_signal)
{
  if (!_mr_replace_string (field, value))
    return;

  g_object_notify_by_pspec (G_OBJECT (object), pspec);
  g_signal_emit (object, changed_signal, 0);
}

/* Inserts a reference to @child at @position (-1: at the end) and calls
 * @changed_cb (swapped: @owner first) whenever it emits "changed". The
 * owner holds the child and disconnects before dropping it (remove,
 * unwatch_all), so a plain handler does: no closure watching the owner
 * for each of thousands of mailboxes. */
static inline void
_mr_children_insert (GPtrArray *children,
                     int        position,
                     gpointer   child,
                     GCallback  changed_cb,
                     gpointer   owner)
{
  g_ptr_array_insert (children, position, g_object_ref (child));
  g_signal_connect_swapped (child, "changed", changed_cb, owner);
}

static inline void
_mr_children_remove (GPtrArray *children,
                     guint      position,
                     GCallback  changed_cb,
                     gpointer   owner)
{
  g_signal_handlers_disconnect_by_func (g_ptr_array_index (children, position),
                                        (gpointer) changed_cb, owner);
  g_ptr_array_remove_index (children, position);
}

/* Stops watching every child; the array itself is left as it is. */
static inline void
_mr_children_unwatch_all (GPtrArray *children,
                          GCallback  changed_cb,
                          gpointer   owner)
{
  for (guint i = 0; i < children->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (children, i),
                                          (gpointer) changed_cb, owner);
}

/* GListModel.get_item() */
static inline gpointer
_mr_children_get_item (GPtrArray *children,
                       guint      position)
{
  if (position >= children->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (children, position));
}

G_END_DECLS
