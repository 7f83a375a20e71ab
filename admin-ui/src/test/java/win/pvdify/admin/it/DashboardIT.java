package win.pvdify.admin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import win.pvdify.api.CreateToken;
import win.pvdify.api.CreatedToken;
import win.pvdify.api.DeployRequest;
import win.pvdify.api.Operation;
import win.pvdify.api.Release;
import win.pvdify.api.client.PvdifyClient;
import win.pvdify.fakes.CuttingProxy;

/**
 * The dashboard in a real Chromium, against the packaged jar and a pvdifyd: sign in (bad token first), create an
 * app, deploy through the API, see it, scale it, set and hide a config var, roll back, deploy through the form
 * (its event stream cut once on the way), cancel a running deploy, add a domain, look at logs and status, then
 * delete it at phone width. Screenshots of every page at 1280 and 390 px. The dashboard reaches the daemon
 * through a {@link CuttingProxy} that cuts the first operation event stream (the form's deploy) once.
 */
@EnabledIf(value = "win.pvdify.admin.it.Backend#available", disabledReason = "skipped: needs the real daemon at "
        + "../pvdifyd/target/pvdifyd.jar (build pvdifyd first)")
class DashboardIT {
    private static final String APP = "it-dash";
    private static final Path TARGET = Path.of(System.getProperty("screenshots.dir", "target/screenshots")).getParent();
    private static final Path SHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    /** false only to try the flow on a daemon without the runtime (dynos recorded, never started). */
    private static final boolean RUNNING_DYNOS = !"false".equals(System.getProperty("pvdify.it.runningDynos"));
    private static final String UP_DYNOS =
            "//*[@id='dynos']//*[@data-dyno][.//*[contains(@class,'dyno-state')][normalize-space()='up']]";
    /** Far enough into the form deploy's event stream to have passed a few events, well before its end. */
    private static final int CUT_AFTER_BYTES = 600;
    private static Backend backend;
    private static CuttingProxy proxy;
    private static JarProcess admin;
    private static WebDriver driver;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Path work = TARGET.resolve("it-work");
        Files.createDirectories(work);
        JarProcess.deleteTree(work.resolve("chromium-profile"));
        Files.createDirectories(SHOTS);
        backend = Backend.start(work);
        proxy = new CuttingProxy(backend.port(), "/events", CUT_AFTER_BYTES, 1);
        int port = JarProcess.freePort();
        base = "http://127.0.0.1:" + port + "/";
        admin = JarProcess.start(Path.of(System.getProperty("pvdify.admin.jar", "target/pvdify-admin.jar")),
                List.of("--port", Integer.toString(port), "--api-url", proxy.url()), Map.of(),
                work.resolve("pvdify-admin.log"));
        admin.awaitHttp(base + "login", Duration.ofSeconds(90));

        // The browser and driver from apt; setting both paths keeps Selenium Manager from running.
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + work.resolve("chromium-profile").toAbsolutePath(),
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (admin != null) {
            admin.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** What a download link serves to this browser's session. */
    private static String download(By link) throws Exception {
        String href = waitVisible(link).getDomProperty("href");
        var res = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(href)).header("Cookie", "JSESSIONID=" + sessionCookie()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), href + ": " + res.body());
        return res.body();
    }

    private static String sessionCookie() {
        org.openqa.selenium.Cookie c = driver.manage().getCookieNamed("JSESSIONID");
        return c == null ? null : c.getValue();
    }

    @Test
    void theWholeFlowInOneSession() throws Exception {
        // --- sign in: a bad token is refused with a message, a good one opens the dashboard
        open("login");
        type("token", "not-a-valid-token");
        click("sign-in");
        assertTrue(waitVisible(By.id("login-error")).getText().contains("not accepted"));
        shot("login-error");
        String before = sessionCookie();
        type("token", backend.token());
        click("sign-in");
        waitVisible(By.id("apps"));
        shot("dashboard-empty");
        String after = sessionCookie();
        assertTrue(before != null && after != null && !before.equals(after),
                "sign-in renews the session id (was " + before + ", now " + after + ")");

        // --- create an app: the API's validation message shows, then a valid name works
        open("apps/new");
        type("app-name", "Bad_Name");
        click("create-app");
        assertTrue(waitVisible(By.id("create-error")).getText().toLowerCase().contains("name"));
        shot("new-app");
        type("app-name", APP);
        click("create-app");
        waitText(By.id("app-title"), APP);

        // --- deploy through the API (twice, so there is something to roll back to)
        PvdifyClient api = new PvdifyClient(backend.url(), backend.token());
        Release first = api.deploy(APP, new DeployRequest(backend.image(), "first deploy"));
        assertEquals("current", first.status(), "deploy failed: " + first.failureReason());
        Release second = api.deploy(APP, new DeployRequest(backend.image(), "second deploy"));
        assertEquals("current", second.status(), "deploy failed: " + second.failureReason());

        // --- overview: the deployed web dyno is up; scale web to 2 and watch both come up (live, by server push)
        open("apps/" + APP);
        if (RUNNING_DYNOS) {
            wait(120).until(d -> d.findElements(By.xpath(UP_DYNOS)).size() == 1);
            // the running dyno's sampled usage, refreshed with the page's live updates
            // (the rows are re-rendered by live updates: a row found a moment ago may be gone when read)
            wait(120).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElements(By.xpath(UP_DYNOS)).stream()
                            .anyMatch(e -> e.getText().matches("(?s).*% CPU \u00b7 [0-9.]+ [KMG]?i?B.*")));
        }
        WebElement count = waitVisible(By.cssSelector("#scale-web-count input"));
        count.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2", Keys.TAB);
        click("scale-web");
        waitNotification("Scaled web to 2");
        if (RUNNING_DYNOS) {
            wait(120).until(d -> d.findElements(By.xpath(UP_DYNOS)).size() == 2);
        }
        waitText(By.cssSelector("#stats [data-stat='Releases'] .stat-value"), "2");
        shot("app-overview");

        // --- the dashboard shows the app with its dynos
        open("");
        waitText(By.cssSelector("[data-app='" + APP + "'] .dyno-counts"), RUNNING_DYNOS ? "web 2/2 up" : "web ");
        shot("dashboard");

        // --- config: set a var, it is masked, show and hide it; the notification names the new release
        open("apps/" + APP + "?tab=config");
        type("config-key", "SECRET_TOKEN");
        type("config-value", "s3cr3t-value");
        click("config-add");
        waitNotification("new release v");
        By value = By.cssSelector("[data-key='SECRET_TOKEN'] .config-value");
        waitVisible(value);
        assertNotEquals("s3cr3t-value", driver.findElement(value).getText());
        driver.findElement(By.cssSelector("[data-key='SECRET_TOKEN'] .config-toggle")).click();
        waitText(value, "s3cr3t-value");
        shot("app-config-shown");
        driver.findElement(By.cssSelector("[data-key='SECRET_TOKEN'] .config-toggle")).click();
        wait(30).until(d -> !d.findElement(value).getText().contains("s3cr3t"));
        shot("app-config");

        // --- deploy tab: roll back to v1 through the confirmation dialog
        open("apps/" + APP + "?tab=deploy");
        click("rollback-1");
        waitVisible(By.xpath("//vaadin-button[@slot='confirm-button']")).click();
        waitNotification("Rolled back to v1");
        waitVisible(By.xpath("//*[@id='releases']//*[contains(@class,'release-description')]"
                + "[contains(normalize-space(),'Rollback to v1')]"));
        shot("app-deploy");

        // --- deploy through the form: its progress is the deploy operation's events. The proxy cuts this first
        //     event stream once, mid-deploy: the dashboard re-attaches from the last event it saw (Last-Event-ID)
        //     and shows every event once, in order, and the deploy as succeeded
        type("deploy-image", backend.image());
        click("deploy");
        waitNotification("Deployed ");
        String progress = driver.findElement(By.id("deploy-progress")).getText();
        assertTrue(progress.contains("operation #") && progress.contains("succeeded"), progress);
        long formDeploy = Long.parseLong(progress.replaceFirst("(?s).*operation #([0-9]+)\n.*", "$1"));
        List<String> events = new ArrayList<>();
        api.followOperation(formDeploy, 0, ev -> events.add(ev.stage() + (ev.message() == null ? "" : ": "
                + ev.message())));
        assertEquals(events, progress.lines().dropWhile(l -> !l.startsWith("operation #")).skip(1).toList(),
                "every event once, in order; streams: " + proxy.seen);
        assertEquals(1, proxy.cut(), proxy.seen.toString());
        assertTrue(proxy.seen.get(0).startsWith("cut GET /api/v1/operations/" + formDeploy + "/events"),
                proxy.seen.toString());
        String resumedAfter = proxy.seen.get(1).substring(proxy.seen.get(1).lastIndexOf('=') + 1);
        assertTrue(resumedAfter.matches("[0-9]+") && Integer.parseInt(resumedAfter) < events.size() - 1,
                "re-attached from an event, before the deploy ended: " + proxy.seen);
        shot("app-deploy-followed");

        // --- operations: the history shows the deploys and the rollback, ended, newest first
        open("apps/" + APP + "?tab=operations");
        waitVisible(By.xpath("//*[@id='operations-history']//*[@data-kind='deploy']"
                + "[.//*[contains(@class,'badge') and normalize-space()='succeeded']]"));
        waitVisible(By.xpath("//*[@id='operations-history']//*[@data-kind='rollback']"));
        waitText(By.id("operations-running"), "Nothing running.");
        shot("app-operations");

        // --- cancel: a deploy that never gets healthy (the daemon would wait 60 s) is cancelled from its row in
        //     Running; the operation ends cancelled and the previous release keeps serving
        Integer serving = api.app(APP).currentRelease();
        Operation hung = api.startDeploy(APP, new DeployRequest(backend.unhealthyImage(), "never healthy"));
        wait(60).until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[@id='operations-running']"
                + "//*[@data-operation='" + hung.id() + "'][.//*[contains(@class,'badge') and normalize-space()"
                + "='running']]")));
        shot("app-operations-running");
        clickOnce(By.id("cancel-operation-" + hung.id()));
        waitNotification("Operation #" + hung.id());
        wait(90).until(d -> api.operation(hung.id()).ended());
        assertEquals("cancelled", api.operation(hung.id()).state());
        waitVisible(By.xpath("//*[@id='operations-history']//*[@data-operation='" + hung.id() + "']"
                + "[.//*[contains(@class,'badge') and normalize-space()='cancelled']]"));
        waitText(By.id("operations-running"), "Nothing running.");
        assertEquals(serving, api.app(APP).currentRelease());
        shot("app-operations-cancelled");

        // --- settings: add a custom domain
        open("apps/" + APP + "?tab=settings");
        type("domain-hostname", "www.it-dash.example.com");
        click("domain-add");
        waitVisible(By.cssSelector("[data-domain='www.it-dash.example.com']"));
        shot("app-settings");

        // --- settings: the Kubernetes export downloads; the plain one holds no config value, the other does
        String plain = download(By.id("export-kube"));
        assertTrue(plain.contains("kind: Deployment") && plain.contains("host: www.it-dash.example.com"), plain);
        assertTrue(plain.contains("SECRET_TOKEN: \"\""), plain);
        String encoded = java.util.Base64.getEncoder().encodeToString("s3cr3t-value".getBytes());
        assertTrue(!plain.contains(encoded) && !plain.contains("s3cr3t-value"), plain);
        assertTrue(download(By.id("export-kube-secrets")).contains("SECRET_TOKEN: " + encoded));

        // --- settings: the maintenance switch, on with a message (kept as text), then off
        click("maintenance-switch");
        type("maintenance-message", "Back at <b>14:00</b>");
        click("maintenance-apply");
        waitNotification(APP + " is in maintenance mode");
        assertEquals(new win.pvdify.api.Maintenance(true, "Back at <b>14:00</b>", null), api.maintenance(APP));
        click("maintenance-switch");
        click("maintenance-apply");
        waitNotification(APP + " serves its dynos again");
        assertEquals(false, api.maintenance(APP).enabled());

        // --- logs and status
        open("apps/" + APP + "?tab=logs");
        waitText(By.id("log-state"), "log");
        if (RUNNING_DYNOS) {
            // the tail shows the app's own output, in Heroku format
            wait(120).until(d -> {
                String text = d.findElement(By.id("log-output")).getText();
                return text.contains("app[web.") && text.contains("web v1 listening on");
            });
        }
        shot("app-logs");

        // --- a detached one-off run of the current release, and its output on the Run tab
        open("apps/" + APP + "?tab=run");
        type("run-command", "echo \"one-off says $DYNO\"");
        click("run-start");
        waitNotification("Started run.");
        if (RUNNING_DYNOS) {
            wait(120).until(d -> d.findElement(By.id("run-output")).getText().contains("one-off says run."));
            waitText(By.id("run-state"), "succeeded (exit code 0)");
        }
        shot("app-run");
        open("status");
        waitStatusChecks();
        shot("status");

        // --- phone width: every page, every action on screen (reachable by scrolling, not cut off)
        driver.manage().window().setSize(new Dimension(390, 844));
        open("");
        waitVisible(By.cssSelector("[data-app='" + APP + "']"));
        shot("dashboard");
        open("apps/new");
        assertReachable("create-app");
        shot("new-app");
        open("apps/" + APP);
        assertReachable("scale-web");
        assertReachable("restart");
        shot("app-overview");
        open("apps/" + APP + "?tab=deploy");
        assertReachable("deploy");
        assertReachable("rollback-1");
        shot("app-deploy");
        open("apps/" + APP + "?tab=config");
        assertReachable("config-add");
        shot("app-config");
        open("apps/" + APP + "?tab=logs");
        waitVisible(By.id("log-output"));
        shot("app-logs");
        open("status");
        waitStatusChecks();
        shot("status");
        // --- host settings: a registry login is added and removed; Cloudflare (no token here) says so
        open("settings");
        type("registry-host", "registry.it-dash.test:5000");
        type("registry-username", "ci");
        type("registry-password", "it-registry-secret");
        click("registry-add");
        By login = By.cssSelector("[data-registry='registry.it-dash.test:5000']");
        waitVisible(login);
        assertEquals(1, api.registries().size());
        waitText(By.id("cloudflare-zones"), "not configured");
        shot("settings");
        WebElement remove = driver.findElement(login).findElement(By.tagName("vaadin-button"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", remove);
        remove.click();
        wait(60).until(ExpectedConditions.invisibilityOfElementLocated(login));
        assertEquals(List.of(), api.registries());
        open("apps/" + APP + "?tab=settings");
        assertReachable("domain-add");
        assertReachable("delete-app");
        shot("app-settings");

        // --- a deploy token (what CI holds) sees its app and its overview, without errors; config stays hidden
        CreatedToken deployToken = api.createToken(new CreateToken("deploy", APP, "dashboard IT"));
        signOut();
        type("token", deployToken.secret());
        click("sign-in");
        waitVisible(By.cssSelector("[data-app='" + APP + "']"));
        assertNoErrorShown();
        shot("dashboard-deploy-token");
        open("apps/" + APP);
        waitText(By.cssSelector("#stats [data-stat='Config vars'] .stat-value"), "\u2014");
        assertNoErrorShown();
        shot("app-overview-deploy-token");
        open("apps/" + APP + "?tab=config");
        waitText(By.id("config-vars"), "admin token");
        assertNoErrorShown();
        signOut();
        type("token", backend.token());
        click("sign-in");
        waitVisible(By.id("apps"));
        open("apps/" + APP + "?tab=settings");
        assertReachable("delete-app");

        // --- danger zone at phone width: typing the name enables delete
        assertTrue(!driver.findElement(By.id("delete-app")).isEnabled()
                || driver.findElement(By.id("delete-app")).getAttribute("disabled") != null);
        type("delete-confirm", APP);
        wait(30).until(d -> d.findElement(By.id("delete-app")).getAttribute("disabled") == null);
        click("delete-app");
        waitVisible(By.id("apps"));
        wait(30).until(d -> d.findElements(By.cssSelector("[data-app='" + APP + "']")).isEmpty());

        // --- sign out: back to the login page, and the dashboard needs signing in again
        openMenuIfNeeded();
        click("logout");
        waitVisible(By.id("token"));
        open("");
        waitVisible(By.id("token"));
        shot("login");
        driver.manage().window().setSize(new Dimension(1280, 900));
        open("login");
        waitVisible(By.id("token"));
        shot("login");
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static WebDriverWait wait(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    private static void open(String path) {
        driver.get(base + path);
        wait(60).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete' && !!(window.Vaadin && window.Vaadin.Flow"
                        + " && window.Vaadin.Flow.clients && Object.keys(window.Vaadin.Flow.clients).length > 0)")));
    }

    private static WebElement waitVisible(By by) {
        return wait(60).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** The status page re-polls every 10 s; on a loaded box one /status answer (Podman probes) can be slow. */
    private static void waitStatusChecks() {
        wait(150).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-check='api']")));
    }

    private static void waitText(By by, String text) {
        wait(60).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    private static void type(String id, String text) {
        WebElement input = waitVisible(By.cssSelector("#" + id + " input, #" + id + " textarea"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text, Keys.TAB);
    }

    private static void click(String id) {
        WebElement button = wait(60).until(ExpectedConditions.elementToBeClickable(By.id(id)));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
    }

    /**
     * Clicks a button in a list that live updates re-render (every 2 s): a click that found the old button
     * (stale) never reached the page, so it is tried again on the new one; a click that landed is not repeated.
     */
    private static void clickOnce(By by) {
        wait(60).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            WebElement button = d.findElement(by);
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
            button.click();
            return true;
        });
    }

    private static void waitNotification(String text) {
        wait(60).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('vaadin-notification-card')]"
                        + ".some(c => (c.innerText || c.textContent || '').includes(arguments[0]))", text)));
    }

    /** At the current width the element is shown, inside the viewport's width once scrolled to. */
    private static void assertReachable(String id) {
        WebElement e = waitVisible(By.id(id));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        Object fits = ((JavascriptExecutor) driver).executeScript(
                "const r = arguments[0].getBoundingClientRect();"
                        + " return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth + 1;", e);
        assertEquals(Boolean.TRUE, fits, id + " is cut off at " + driver.manage().window().getSize());
    }

    private static void signOut() {
        openMenuIfNeeded();
        click("logout");
        waitVisible(By.id("token"));
    }

    /** No error text on the page: the app list's problem line, the overview's dyno area, no notification. */
    private static void assertNoErrorShown() {
        for (WebElement e : driver.findElements(By.cssSelector(".form-error, #dynos p, vaadin-notification-card"))) {
            String text = e.isDisplayed() ? e.getText() : "";
            assertTrue(!text.toLowerCase().contains("forbidden") && !text.toLowerCase().contains("not allowed")
                    && !text.contains("HTTP 4"), "an error is shown: " + text);
        }
    }

    private static void openMenuIfNeeded() {
        if (!driver.findElement(By.id("logout")).isDisplayed()) {
            driver.findElement(By.tagName("vaadin-drawer-toggle")).click();
        }
    }

    private static void shot(String name) throws Exception {
        int width = driver.manage().window().getSize().getWidth();
        String suffix = width <= 500 ? "phone" : "desktop";
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + "-" + suffix + ".png"), png);
    }
}
