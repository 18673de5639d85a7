/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "mr-quote-export"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "mr-quote-export.h"

/* A4 in points */
#define PAGE_WIDTH   595.0
#define PAGE_HEIGHT  842.0
#define MARGIN        56.0
#define AMOUNT_WIDTH  90.0
#define LABEL_WIDTH  235.0

typedef struct
{
  cairo_t      *cr;
  PangoLayout  *layout;
  MrQuoteSheet *sheet;
  double        y;
  guint         page;
} Pdf;

static void
set_text (Pdf        *pdf,
          const char *font,
          const char *text,
          double      width,
          PangoAlignment alignment)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (pdf->layout, desc);
  pango_layout_set_width (pdf->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (pdf->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (pdf->layout, alignment);
  pango_layout_set_text (pdf->layout, text, -1);
}

static double
text_height (Pdf *pdf)
{
  int height;

  pango_layout_get_size (pdf->layout, NULL, &height);

  return (double) height / PANGO_SCALE;
}

/* draws the layout at x, pdf->y; returns its height */
static double
draw_text (Pdf        *pdf,
           double      x,
           const char *font,
           const char *text,
           double      width,
           PangoAlignment alignment,
           double      grey)
{
  set_text (pdf, font, text, width, alignment);
  cairo_set_source_rgb (pdf->cr, grey, grey, grey);
  cairo_move_to (pdf->cr, x, pdf->y);
  pango_cairo_show_layout (pdf->cr, pdf->layout);

  return text_height (pdf);
}

static void
draw_rule (Pdf    *pdf,
           double  x,
           double  width,
           double  line_width)
{
  cairo_set_source_rgb (pdf->cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (pdf->cr, line_width);
  cairo_move_to (pdf->cr, x, pdf->y);
  cairo_line_to (pdf->cr, x + width, pdf->y);
  cairo_stroke (pdf->cr);
}

static void
draw_footer (Pdf *pdf)
{
  g_autofree char *page = g_strdup_printf (_("Page %u"), pdf->page);
  double saved = pdf->y;

  pdf->y = PAGE_HEIGHT - MARGIN + 16;
  draw_text (pdf, MARGIN, "Sans 8", _("Mailroom · Done-For-You email accounts"),
             PAGE_WIDTH - 2 * MARGIN, PANGO_ALIGN_LEFT, 0.45);
  draw_text (pdf, MARGIN, "Sans 8", page, PAGE_WIDTH - 2 * MARGIN, PANGO_ALIGN_RIGHT, 0.45);
  pdf->y = saved;
}

static void
ensure_room (Pdf    *pdf,
             double  height)
{
  if (pdf->y + height <= PAGE_HEIGHT - MARGIN - 10)
    return;

  draw_footer (pdf);
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN;
}

static void
draw_header (Pdf *pdf)
{
  MrQuoteSheet *sheet = pdf->sheet;
  g_autofree char *date = mr_quote_sheet_format_date (sheet->created);
  g_autofree char *valid = mr_quote_sheet_format_date (sheet->valid_until);
  g_autofree char *dates = g_strdup_printf (_("Date: %s\nValid until: %s"), date, valid);
  g_autofree char *counts = mr_quote_sheet_describe_counts (sheet);
  double width = PAGE_WIDTH - 2 * MARGIN;
  double h;

  h = draw_text (pdf, MARGIN, "Sans Bold 26", _("Quote"), width / 2, PANGO_ALIGN_LEFT, 0.1);
  draw_text (pdf, MARGIN + width / 2, "Sans 10", dates, width / 2, PANGO_ALIGN_RIGHT, 0.3);
  pdf->y += h + 2;
  pdf->y += draw_text (pdf, MARGIN, "Sans 12", _("Done-For-You email accounts"), width,
                       PANGO_ALIGN_LEFT, 0.3);
  pdf->y += draw_text (pdf, MARGIN, "Sans 10", counts, width, PANGO_ALIGN_LEFT, 0.45) + 14;

  if (sheet->demo)
    {
      g_autofree char *note = mr_quote_sheet_get_price_note (sheet);
      g_autofree char *text = g_strdup_printf ("%s  %s", _("DEMO"), note);

      set_text (pdf, "Sans 10", text, width - 20, PANGO_ALIGN_LEFT);
      h = text_height (pdf);
      cairo_set_source_rgb (pdf->cr, 0.99, 0.94, 0.80);
      cairo_rectangle (pdf->cr, MARGIN, pdf->y, width, h + 16);
      cairo_fill (pdf->cr);
      pdf->y += 8;
      draw_text (pdf, MARGIN + 10, "Sans 10", text, width - 20, PANGO_ALIGN_LEFT, 0.2);
      pdf->y += h + 8 + 16;
    }
}

static void
draw_lines (Pdf *pdf)
{
  MrQuoteSheet *sheet = pdf->sheet;
  double width = PAGE_WIDTH - 2 * MARGIN;
  double item_width = width - AMOUNT_WIDTH;
  const char *last_domain = NULL;

  draw_text (pdf, MARGIN, "Sans Bold 9", _("Item"), LABEL_WIDTH, PANGO_ALIGN_LEFT, 0.35);
  draw_text (pdf, MARGIN + LABEL_WIDTH + 6, "Sans Bold 9", _("Details"), item_width - LABEL_WIDTH,
             PANGO_ALIGN_LEFT, 0.35);
  pdf->y += draw_text (pdf, MARGIN + item_width, "Sans Bold 9", _("Amount"), AMOUNT_WIDTH,
                       PANGO_ALIGN_RIGHT, 0.35) + 4;
  draw_rule (pdf, MARGIN, width, 1.0);
  pdf->y += 6;

  for (guint i = 0; i < sheet->lines->len; i++)
    {
      const MrQuoteLine *line = g_ptr_array_index (sheet->lines, i);
      g_autofree char *amount = mr_money_format (line->amount);
      g_autofree char *item = NULL;
      double h;

      if (line->domain != NULL && g_strcmp0 (line->domain, last_domain) != 0)
        {
          ensure_room (pdf, 60);
          if (last_domain != NULL)
            pdf->y += 4;
          pdf->y += draw_text (pdf, MARGIN, "Sans Bold 10.5", line->domain, item_width,
                               PANGO_ALIGN_LEFT, 0.1) + 2;
          last_domain = line->domain;
        }

      item = g_strdup (line->label);
      set_text (pdf, "Sans 9.5", line->detail != NULL ? line->detail : "",
                item_width - LABEL_WIDTH - 12, PANGO_ALIGN_LEFT);
      h = text_height (pdf);
      set_text (pdf, "Sans 9.5", item, LABEL_WIDTH - 12, PANGO_ALIGN_LEFT);
      ensure_room (pdf, MAX (h, text_height (pdf)) + 4);
      h = MAX (h, draw_text (pdf, MARGIN + 12, "Sans 9.5", item, LABEL_WIDTH - 12, PANGO_ALIGN_LEFT, 0.15));
      if (line->detail != NULL && *line->detail != '\0')
        h = MAX (h, draw_text (pdf, MARGIN + LABEL_WIDTH + 6, "Sans 9.5", line->detail,
                               item_width - LABEL_WIDTH - 12, PANGO_ALIGN_LEFT, 0.4));
      draw_text (pdf, MARGIN + item_width, "Sans 9.5", amount, AMOUNT_WIDTH, PANGO_ALIGN_RIGHT, 0.1);
      pdf->y += h + 3;
    }

  pdf->y += 4;
  draw_rule (pdf, MARGIN, width, 1.0);
  pdf->y += 10;
}

static void
draw_total (Pdf        *pdf,
            const char *label,
            MrCents     cents,
            gboolean    big)
{
  double width = PAGE_WIDTH - 2 * MARGIN;
  double x = MARGIN + width / 2;
  g_autofree char *amount = mr_money_format (cents);
  const char *font = big ? "Sans Bold 14" : "Sans 10.5";
  double h;

  ensure_room (pdf, 24);
  if (big)
    {
      pdf->y += 2;
      draw_rule (pdf, x, width / 2, 0.8);
      pdf->y += 6;
    }
  h = draw_text (pdf, x, font, label, width / 2 - AMOUNT_WIDTH, PANGO_ALIGN_LEFT, 0.15);
  draw_text (pdf, MARGIN + width - AMOUNT_WIDTH, font, amount, AMOUNT_WIDTH, PANGO_ALIGN_RIGHT, 0.1);
  pdf->y += h + (big ? 8 : 4);
}

static void
draw_totals (Pdf *pdf)
{
  MrQuoteSheet *sheet = pdf->sheet;

  /* the totals stay together, with the notes under them */
  ensure_room (pdf, 150);

  draw_total (pdf, _("Subtotal"), sheet->subtotal, FALSE);
  if (sheet->free_domains_discount != 0)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("Free domain (%u)", "Free domains (%u)",
                                                          sheet->n_free_domains),
                                                sheet->n_free_domains);

      draw_total (pdf, label, -sheet->free_domains_discount, FALSE);
    }
  if (sheet->other_discount != 0)
    draw_total (pdf, _("Discount"), -sheet->other_discount, FALSE);
  draw_total (pdf, _("Due now"), sheet->due_now, TRUE);
  draw_total (pdf, _("Then per month"), sheet->per_month, FALSE);
  draw_total (pdf, _("Then per year"), sheet->per_year, FALSE);
}

static void
draw_notes (Pdf *pdf)
{
  g_autofree char *price = mr_quote_sheet_get_price_note (pdf->sheet);
  g_autofree char *valid = mr_quote_sheet_get_valid_note (pdf->sheet);
  g_autofree char *notes = g_strdup_printf ("%s\n%s", price, valid);
  double width = PAGE_WIDTH - 2 * MARGIN;

  set_text (pdf, "Sans 9", notes, width, PANGO_ALIGN_LEFT);
  ensure_room (pdf, text_height (pdf) + 24);
  pdf->y += 18;
  pdf->y += draw_text (pdf, MARGIN, "Sans 9", notes, width, PANGO_ALIGN_LEFT, 0.35);
}

gboolean
mr_quote_export_pdf (MrQuoteSheet  *sheet,
                     const char    *path,
                     GError       **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  g_autofree char *title = NULL;
  Pdf pdf = { 0 };

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  title = g_strdup (_("Quote: Done-For-You email accounts"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Mailroom");

  pdf.cr = cairo_create (surface);
  pdf.layout = pango_cairo_create_layout (pdf.cr);
  pdf.sheet = sheet;
  pdf.y = MARGIN;
  pdf.page = 1;

  draw_header (&pdf);
  draw_lines (&pdf);
  draw_totals (&pdf);
  draw_notes (&pdf);
  draw_footer (&pdf);
  cairo_show_page (pdf.cr);

  g_object_unref (pdf.layout);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

gboolean
mr_quote_export_csv (MrQuoteSheet  *sheet,
                     const char    *path,
                     GError       **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = mr_quote_sheet_to_csv (sheet);

  return g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

void
mr_quote_export_copy (GtkWidget    *widget,
                      MrQuoteSheet *sheet,
                      gboolean      markdown)
{
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (sheet != NULL);

  text = markdown ? mr_quote_sheet_to_markdown (sheet) : mr_quote_sheet_to_text (sheet);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}
