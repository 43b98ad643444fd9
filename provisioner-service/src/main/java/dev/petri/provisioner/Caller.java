package dev.petri.provisioner;

/**
 * Who is calling: the owner name and role from their token.
 *
 * @param name owner name (environments belong to it)
 * @param role {@code admin}, {@code user} or {@code ci}
 */
public record Caller(String name, String role) {

    /** Whether the caller may see and act on everything. */
    public boolean isAdmin() {
        return "admin".equals(role);
    }
}
