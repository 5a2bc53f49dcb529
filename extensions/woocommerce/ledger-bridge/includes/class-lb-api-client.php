<?php
/**
 * Server-to-server calls from the store to the Ledger Bridge app.
 *
 * @package LedgerBridge
 */

defined( 'ABSPATH' ) || exit;

/**
 * Asks the app to transfer orders. The app then reads the orders through the REST API and writes
 * the result back as order meta, so the request only carries ids.
 */
class LB_Api_Client {

	/**
	 * Settings.
	 *
	 * @var LB_Settings
	 */
	private $settings;

	/**
	 * Constructor.
	 *
	 * @param LB_Settings $settings Settings.
	 */
	public function __construct( $settings ) {
		$this->settings = $settings;
	}

	/**
	 * POST {app}/api/woocommerce/transfer, signed with the store secret.
	 *
	 * @param int[] $order_ids Order ids.
	 * @return array{ok:bool,error:string,results:array}
	 */
	public function request_transfer( array $order_ids ) {
		$app    = $this->settings->app_url();
		$secret = $this->settings->store_secret();
		if ( '' === $app || '' === $secret ) {
			return array(
				'ok'      => false,
				'error'   => __( 'Ledger Bridge is not connected. Open WooCommerce › Settings › Ledger Bridge.', 'ledger-bridge' ),
				'results' => array(),
			);
		}
		$body = wp_json_encode(
			array(
				'shop'         => $this->settings->shop(),
				'order_ids'    => array_values( array_map( 'absint', $order_ids ) ),
				'requested_by' => get_current_user_id(),
				// The app refuses stale timestamps, so a captured request cannot be replayed later.
				'timestamp'    => time(),
			)
		);
		// wp_safe_remote_post: the URL is merchant-entered, so private addresses stay blocked.
		$response = wp_safe_remote_post(
			$app . '/api/woocommerce/transfer',
			array(
				'timeout' => 15,
				'headers' => array(
					'Content-Type'   => 'application/json',
					'X-LB-Shop'      => $this->settings->shop(),
					'X-LB-Signature' => ( new LB_Signer( $secret ) )->sign_body( $body ),
				),
				'body'    => $body,
			)
		);
		if ( is_wp_error( $response ) ) {
			return array(
				'ok'      => false,
				/* translators: %s: transport error */
				'error'   => sprintf( __( 'Ledger Bridge could not be reached: %s', 'ledger-bridge' ), $response->get_error_message() ),
				'results' => array(),
			);
		}
		$code    = (int) wp_remote_retrieve_response_code( $response );
		$decoded = json_decode( (string) wp_remote_retrieve_body( $response ), true );
		if ( $code < 200 || $code >= 300 ) {
			$message = is_array( $decoded ) && isset( $decoded['message'] ) ? (string) $decoded['message'] : '';
			return array(
				'ok'      => false,
				/* translators: 1: HTTP status, 2: message from the app */
				'error'   => trim( sprintf( __( 'Ledger Bridge answered %1$d. %2$s', 'ledger-bridge' ), $code, $message ) ),
				'results' => array(),
			);
		}
		return array(
			'ok'      => true,
			'error'   => '',
			'results' => is_array( $decoded ) && isset( $decoded['results'] ) && is_array( $decoded['results'] ) ? $decoded['results'] : array(),
		);
	}
}
