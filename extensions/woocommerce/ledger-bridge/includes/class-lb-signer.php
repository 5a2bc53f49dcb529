<?php
/**
 * HMAC-SHA256 signatures shared with the Ledger Bridge app.
 *
 * @package LedgerBridge
 */

defined( 'ABSPATH' ) || exit;

/**
 * Signs requests to the app and the short-lived links that open the app's settings pages,
 * with the per-store secret both sides know. No keys or tokens are stored by the browser.
 */
class LB_Signer {

	/**
	 * Per-store secret issued by the app when the store was connected.
	 *
	 * @var string
	 */
	private $secret;

	/**
	 * Constructor.
	 *
	 * @param string $secret Per-store secret.
	 */
	public function __construct( $secret ) {
		$this->secret = (string) $secret;
	}

	/**
	 * Base64 HMAC-SHA256 of the exact body bytes, sent as X-LB-Signature.
	 *
	 * @param string $body Request body.
	 * @return string
	 */
	public function sign_body( $body ) {
		return base64_encode( hash_hmac( 'sha256', $body, $this->secret, true ) );
	}

	/**
	 * A token "<base64url(shop|expires|nonce)>.<base64url(hmac)>" valid until $expires. The app
	 * accepts each token once; the random nonce makes two links signed in the same second (a
	 * double click) two tokens, so the second click does not meet a used one.
	 *
	 * @param string $shop    The store's home URL, identifying the store at the app.
	 * @param int    $expires Unix time after which the app refuses the token.
	 * @return string
	 */
	public function settings_token( $shop, $expires ) {
		$payload = $shop . '|' . (int) $expires . '|' . bin2hex( random_bytes( 8 ) );
		return self::base64url( $payload ) . '.' . self::base64url( hash_hmac( 'sha256', $payload, $this->secret, true ) );
	}

	/**
	 * Checks a settings token (the app does the same in TypeScript).
	 *
	 * @param string $token Token.
	 * @param int    $now   Current Unix time.
	 * @return string|null The shop, or null when forged or expired.
	 */
	public function verify_settings_token( $token, $now ) {
		$parts = explode( '.', (string) $token );
		if ( 2 !== count( $parts ) ) {
			return null;
		}
		$payload  = self::base64url_decode( $parts[0] );
		$expected = self::base64url( hash_hmac( 'sha256', (string) $payload, $this->secret, true ) );
		if ( false === $payload || ! hash_equals( $expected, $parts[1] ) ) {
			return null;
		}
		if ( 1 === preg_match( '/\|[0-9a-f]{16,64}$/', $payload ) ) {
			$payload = substr( $payload, 0, strrpos( $payload, '|' ) );
		}
		$separator = strrpos( $payload, '|' );
		if ( false === $separator || (int) substr( $payload, $separator + 1 ) < $now ) {
			return null;
		}
		return substr( $payload, 0, $separator );
	}

	/**
	 * URL-safe base64 without padding.
	 *
	 * @param string $bytes Bytes.
	 * @return string
	 */
	private static function base64url( $bytes ) {
		return rtrim( strtr( base64_encode( $bytes ), '+/', '-_' ), '=' );
	}

	/**
	 * Inverse of base64url().
	 *
	 * @param string $text Encoded text.
	 * @return string|false
	 */
	private static function base64url_decode( $text ) {
		return base64_decode( strtr( $text, '-_', '+/' ), true );
	}
}
