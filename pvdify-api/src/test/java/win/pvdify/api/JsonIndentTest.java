package win.pvdify.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The layout of `--json`: Jackson's default pretty printer, which the CLI printed before ApiJson. */
class JsonIndentTest {
    @Test
    void objectsBreakListsStayOnALine() {
        assertEquals("""
                [ {
                  "name" : "a",
                  "domains" : [ "x", "y" ],
                  "resources" : {
                    "memory_mb" : 512
                  },
                  "empty" : { },
                  "none" : [ ]
                }, {
                  "name" : "b"
                } ]""", JsonIndent.indent("[{\"name\":\"a\",\"domains\":[\"x\",\"y\"],\"resources\":{\"memory_mb\":512},"
                + "\"empty\":{},\"none\":[]},{\"name\":\"b\"}]"));
    }

    @Test
    void scalarsAndEmptyDocuments() {
        assertEquals("[ \"one\", \"two\", 3, true, null ]", JsonIndent.indent("[\"one\",\"two\",3,true,null]"));
        assertEquals("{ }", JsonIndent.indent("{}"));
        assertEquals("[ ]", JsonIndent.indent("[]"));
        assertEquals("\"x\"", JsonIndent.indent("\"x\""));
    }

    @Test
    void stringsAreCopiedAsTheyAre() {
        assertEquals("{\n  \"k, {:}\" : \"a \\\" [ ] , : b\\\\\"\n}",
                JsonIndent.indent("{\"k, {:}\":\"a \\\" [ ] , : b\\\\\"}"));
    }

    @Test
    void deepNestingGrowsTheStack() {
        String compact = "[".repeat(40) + "{\"a\":1}" + "]".repeat(40);
        String expected = "[ ".repeat(40) + "{\n  \"a\" : 1\n}" + " ]".repeat(40);
        assertEquals(expected, JsonIndent.indent(compact));
    }
}
