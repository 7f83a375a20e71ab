package win.pvdify.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import win.pvdify.api.Token;
import win.pvdify.auth.Access.Action;

class AccessTest {
    private final Caller admin = new Caller("t1", Token.Kind.ADMIN, null, null);
    private final Caller ci = new Caller("t2", Token.Kind.DEPLOY, "site", "ci");

    @Test
    void adminMayDoEverything() {
        for (Action a : Action.values()) {
            assertTrue(Access.allows(admin, a, "anything"));
        }
    }

    @Test
    void deployTokenIsScopedToItsAppAndPreviews() {
        assertTrue(Access.allows(ci, Action.DEPLOY, "site"));
        assertTrue(Access.allows(ci, Action.DEPLOY, "site-pr-42"));
        assertTrue(Access.allows(ci, Action.CREATE_APP, "site-pr-42"));
        assertTrue(Access.allows(ci, Action.DELETE_APP, "site-pr-42"));
        assertFalse(Access.allows(ci, Action.DELETE_APP, "site"));
        assertFalse(Access.allows(ci, Action.DEPLOY, "site-pr-"));
        assertFalse(Access.allows(ci, Action.DEPLOY, "site-pr-4x"));
        assertFalse(Access.allows(ci, Action.DEPLOY, "sites"));
        assertFalse(Access.allows(ci, Action.DEPLOY, "other"));
        assertFalse(Access.allows(ci, Action.WRITE_CONFIG, "site"));
        assertFalse(Access.allows(ci, Action.SCALE, "site"));
        assertFalse(Access.allows(ci, Action.ADMIN, null));
    }

    @Test
    void previewTokenActsOnlyOnThePreviewsOfItsApp() {
        Caller pr = new Caller("t3", Token.Kind.PREVIEW, "site", "prs");
        for (Action a : new Action[] {Action.CREATE_APP, Action.DEPLOY, Action.DELETE_APP, Action.LOGS, Action.READ_APP,
            Action.ROLLBACK, Action.RESTART, Action.READ_PS, Action.READ_RELEASES}) {
            assertTrue(Access.allows(pr, a, "site-pr-42"), a.toString());
            assertFalse(Access.allows(pr, a, "site"), a + " on the production app");
        }
        assertFalse(Access.allows(pr, Action.DEPLOY, "other-pr-42"));
        assertFalse(Access.allows(pr, Action.DEPLOY, "sitex-pr-42"));
        assertFalse(Access.allows(pr, Action.DEPLOY, "site-pr-"));
        assertFalse(Access.allows(pr, Action.WRITE_CONFIG, "site-pr-42"));
        assertFalse(Access.allows(pr, Action.SCALE, "site-pr-42"));
        assertFalse(Access.allows(pr, Action.DOMAINS, "site-pr-42"));
        assertFalse(Access.allows(pr, Action.ADMIN, null));
    }
}
