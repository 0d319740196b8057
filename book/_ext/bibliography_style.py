"""One citation style in the text and in the list: author and year.

sphinxcontrib-bibtex cites by author and year in the text ([Kingma and Welling,
2013]) but labels the list with pybtex's alpha labels ([KW13]). This registers
a pybtex style, "book", whose list is sorted by author and year and labelled
the way the text cites: one or two surnames, or the first and "et al.", then
the year; a work without an author by its title.
"""

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle


def author_year_label(entry):
    surnames = [
        " ".join(person.last_names)
        for person in entry.persons.get("author", [])
    ]
    if len(surnames) > 2:
        names = f"{surnames[0]} et al."
    elif surnames:
        names = " and ".join(surnames)
    else:
        names = entry.fields["title"]
    names = names.replace("{", "").replace("}", "")
    return (
        f"{names}, {entry.fields['year']}" if "year" in entry.fields else names
    )


class AuthorYearLabelStyle(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield author_year_label(entry)


class BookStyle(UnsrtStyle):
    default_label_style = "author_year"
    default_sorting_style = "author_year_title"


def setup(app):
    register_plugin("pybtex.style.labels", "author_year", AuthorYearLabelStyle)
    register_plugin("pybtex.style.formatting", "book", BookStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
