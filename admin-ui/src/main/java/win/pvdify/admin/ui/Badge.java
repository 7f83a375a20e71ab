package win.pvdify.admin.ui;

import com.vaadin.flow.component.html.Span;
import win.pvdify.admin.Display;

/** A coloured status pill; the word is always written, colour only repeats it. */
final class Badge {
    private Badge() {
    }

    static Span of(String state) {
        Span s = new Span(Display.words(state));
        s.addClassNames("badge", "badge-" + Display.tone(state));
        return s;
    }
}
