<?php
// phpcs:disable
use PHPUnit\Framework\TestCase;

final class SignerTest extends TestCase {
	public function test_body_signature_is_base64_hmac_sha256_of_the_exact_body() {
		$signer = new LB_Signer( 'secret-1' );
		// Computed independently with Node: createHmac("sha256", "secret-1").update('{"a":1}').digest("base64").
		$this->assertSame( 'kCt8oPgPWPCfB78hO5Z8D0h3fCsjijv/rsTtllgWULw=', $signer->sign_body( '{"a":1}' ) );
		$this->assertNotSame( $signer->sign_body( '{"a":1}' ), $signer->sign_body( '{"a": 1}' ) );
		$this->assertNotSame( $signer->sign_body( '{"a":1}' ), ( new LB_Signer( 'secret-2' ) )->sign_body( '{"a":1}' ) );
	}

	public function test_settings_token_round_trip_expiry_and_forgery() {
		$signer = new LB_Signer( 'secret-1' );
		$token  = $signer->settings_token( 'https://shop.example/', 1000 );
		$this->assertSame( 'https://shop.example/', $signer->verify_settings_token( $token, 999 ) );
		$this->assertSame( 'https://shop.example/', $signer->verify_settings_token( $token, 1000 ) );
		$this->assertNull( $signer->verify_settings_token( $token, 1001 ), 'expired' );
		$this->assertNull( ( new LB_Signer( 'other' ) )->verify_settings_token( $token, 999 ), 'other secret' );
		list( $payload, $mac ) = explode( '.', $token );
		$longer = rtrim( strtr( base64_encode( 'https://shop.example/|99999' ), '+/', '-_' ), '=' );
		$this->assertNull( $signer->verify_settings_token( $longer . '.' . $mac, 999 ), 'extended expiry' );
		$this->assertNull( $signer->verify_settings_token( $payload, 999 ) );
	}

	public function test_two_tokens_signed_in_the_same_second_differ_and_both_verify() {
		$signer = new LB_Signer( 'secret-1' );
		$first  = $signer->settings_token( 'https://shop.example/', 1000 );
		$second = $signer->settings_token( 'https://shop.example/', 1000 );
		$this->assertNotSame( $first, $second );
		$this->assertSame( 'https://shop.example/', $signer->verify_settings_token( $second, 999 ) );
		// A link from a plugin version without the nonce still verifies.
		$payload = 'https://shop.example/|1000';
		$old     = rtrim( strtr( base64_encode( $payload ), '+/', '-_' ), '=' ) . '.' . rtrim( strtr( base64_encode( hash_hmac( 'sha256', $payload, 'secret-1', true ) ), '+/', '-_' ), '=' );
		$this->assertSame( 'https://shop.example/', $signer->verify_settings_token( $old, 999 ) );
	}
}
