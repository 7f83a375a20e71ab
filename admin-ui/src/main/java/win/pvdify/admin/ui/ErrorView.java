package win.pvdify.admin.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import jakarta.servlet.http.HttpServletResponse;

/** Any failure while opening a page: a short message and a way back, never a stack trace. */
public class ErrorView extends Div implements HasErrorParameter<Exception> {
    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        addClassName("page");
        removeAll();
        Exception e = parameter.getException();
        Paragraph message = new Paragraph(e instanceof RuntimeException r ? Feedback.message(r)
                : "Something went wrong.");
        message.setId("error-message");
        add(new H1("This page could not be shown"), message, new Anchor("", "Back to the apps"));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
