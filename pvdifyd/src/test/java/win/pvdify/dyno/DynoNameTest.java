package win.pvdify.dyno;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DynoNameTest {

    @Test
    void roundTripsUnitAndContainerNames() {
        var n = new DynoName("shop-api", "worker_2", 12, 345);
        assertEquals("pvdify-shop-api.worker_2.12.v345.service", n.unit());
        assertEquals("pvdify-shop-api.worker_2.12.v345", n.container());
        assertEquals("worker_2.12", n.dyno());
        assertEquals(Optional.of(n), DynoName.parse(n.unit()));
        assertEquals(Optional.of(n), DynoName.parse(n.container()));
        assertEquals(Optional.of(n), DynoName.parse("/" + n.container()));
    }

    @Test
    void aWebDynoCarriesItsPortSoAStandInOfTheSameReleaseRunsBesideIt() {
        var n = new DynoName("shop", "web", 1, 7, 20001);
        assertEquals("pvdify-shop.web.1.v7.p20001.service", n.unit());
        assertEquals(Optional.of(n), DynoName.parse(n.unit()));
        assertFalse(n.unit().equals(new DynoName("shop", "web", 1, 7, 20002).unit()));
        assertFalse(DynoName.parse("pvdify-shop.web.1.v7.p99999").isPresent());
        assertFalse(DynoName.parse("pvdify-shop.web.1.v7.p0").isPresent());
    }

    @Test
    void rejectsForeignNames() {
        assertFalse(DynoName.parse("nginx.service").isPresent());
        assertFalse(DynoName.parse("pvdify-api.web.1.service").isPresent());
        assertFalse(DynoName.parse("pvdify-api.web.0.v1").isPresent());
        assertFalse(DynoName.parse("pvdify-API.web.1.v1").isPresent());
        assertFalse(DynoName.parse("pvdify-api.web.1.v1.extra").isPresent());
        assertFalse(DynoName.parse(null).isPresent());
    }

    @Test
    void globNeverMatchesAnAppThatSharesAPrefix() {
        assertEquals("pvdify-api.*", DynoName.unitGlob("api", null));
        assertEquals("pvdify-api.web.*", DynoName.unitGlob("api", "web"));
        assertFalse(new DynoName("api-2", "web", 1, 1).unit().startsWith("pvdify-api."));
        assertThrows(IllegalArgumentException.class, () -> DynoName.unitGlob("a*", null));
    }

    @Test
    void validatesParts() {
        assertThrows(IllegalArgumentException.class, () -> new DynoName("a.b", "web", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DynoName("app", "web.x", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DynoName("app", "web", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new DynoName("app", "web", 1, 0));
        assertTrue(DynoName.isValidApp("my-app"));
    }
}
