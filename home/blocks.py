"""Blocks of a standard page: the article's paragraph, section and image blocks."""

from wagtail import blocks

from news.blocks import ImageBlock, ParagraphBlock, SectionBlock


class StandardPageBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    section = SectionBlock()
    image = ImageBlock()
