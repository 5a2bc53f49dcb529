<?php
// phpcs:disable
use PHPUnit\Framework\TestCase;

final class OrderMetaBoxTest extends TestCase {
	private $box;

	protected function setUp(): void {
		LB_Fake::reset();
		LB_Fake::$options = array(
			LB_Settings::APP_URL      => 'https://app.example',
			LB_Settings::STORE_SECRET => 'store-secret',
		);
		LB_Fake::$orders[42] = new WC_Order( 42 );
		$this->box = new LB_Order_Meta_Box( new LB_Api_Client( new LB_Settings() ) );
	}

	public function test_registers_on_the_hpos_or_legacy_screen() {
		$this->box->add();
		LB_Fake::$hpos = false;
		$this->box->add();
		$this->assertSame( array( 'woocommerce_page_wc-orders', 'shop_order' ), array_column( LB_Fake::$meta_boxes, 'screen' ) );
	}

	public function test_renders_status_document_error_and_a_nonced_button_for_hpos_and_legacy() {
		$order = LB_Fake::$orders[42];
		$order->meta = array(
			LB_Order_Status::STATUS => 'failed',
			LB_Order_Status::ERROR  => 'Dinero: <account> 1000 is closed',
		);
		ob_start();
		$this->box->render( $order );
		$hpos = ob_get_clean();
		ob_start();
		$this->box->render( new WP_Post( 42 ) );
		$legacy = ob_get_clean();
		$this->assertSame( $hpos, $legacy );
		$this->assertStringContainsString( 'Failed', $hpos );
		$this->assertStringContainsString( 'Dinero: &lt;account&gt; 1000 is closed', $hpos );
		$this->assertStringContainsString( 'Retry transfer', $hpos );
		$this->assertStringContainsString( 'action=lb_transfer&amp;order_id=42&amp;_wpnonce=nonce-lb_transfer_42', $hpos );

		$order->meta = array( LB_Order_Status::STATUS => 'transferred', LB_Order_Status::DOCUMENT => 'INV-1007' );
		ob_start();
		$this->box->render( $order );
		$done = ob_get_clean();
		$this->assertStringContainsString( 'INV-1007', $done );
		$this->assertStringNotContainsString( 'lb_transfer', $done );
	}

	public function test_a_parked_order_offers_retry_and_a_handled_one_no_transfer() {
		$order       = LB_Fake::$orders[42];
		$order->meta = array(
			LB_Order_Status::STATUS => 'needs_attention',
			LB_Order_Status::ERROR  => 'Unknown currency XYZ',
		);
		ob_start();
		$this->box->render( $order );
		$parked = ob_get_clean();
		$this->assertStringContainsString( 'Needs attention', $parked );
		$this->assertStringContainsString( 'Unknown currency XYZ', $parked );
		$this->assertStringContainsString( 'Retry transfer', $parked );

		$order->meta = array( LB_Order_Status::STATUS => 'handled' );
		ob_start();
		$this->box->render( $order );
		$handled = ob_get_clean();
		$this->assertStringContainsString( 'Handled manually', $handled );
		$this->assertStringNotContainsString( 'lb_transfer', $handled );
	}

	public function test_button_hidden_without_capability() {
		LB_Fake::$caps = array();
		ob_start();
		$this->box->render( LB_Fake::$orders[42] );
		$html = ob_get_clean();
		$this->assertStringNotContainsString( '_wpnonce', $html );
	}

	public function test_transfer_checks_nonce_and_capability_then_sends_a_signed_request() {
		$_GET = array( 'order_id' => '42', '_wpnonce' => 'nonce-lb_transfer_42' );
		$redirect = $this->box->handle_transfer_request();

		$this->assertSame( array( 'lb_transfer_42' ), LB_Fake::$nonce_checks );
		$this->assertContains( 'manage_woocommerce', LB_Fake::$cap_checks );
		$this->assertCount( 1, LB_Fake::$requests );
		$request = LB_Fake::$requests[0];
		$this->assertSame( 'https://app.example/api/woocommerce/transfer', $request['url'] );
		$body = json_decode( $request['args']['body'], true );
		$this->assertSame( array( 42 ), $body['order_ids'] );
		$this->assertSame( 'https://shop.example/', $body['shop'] );
		$this->assertSame(
			base64_encode( hash_hmac( 'sha256', $request['args']['body'], 'store-secret', true ) ),
			$request['args']['headers']['X-LB-Signature']
		);
		$this->assertSame( 'requested', LB_Fake::$orders[42]->meta[ LB_Order_Status::STATUS ] );
		// Marked before the call, so a status the app writes back meanwhile is not overwritten.
		$this->assertSame( 'requested', $request['statuses'][42] );
		$this->assertStringContainsString( 'id=42', $redirect );
	}

	public function test_an_already_transferred_order_shows_its_document_number() {
		LB_Fake::$response = array(
			'response' => array( 'code' => 202 ),
			'body'     => '{"message":"The order is already transferred.","results":[{"order_id":42,"outcome":"alreadyTransferred","message":"x","document_number":"1007"}]}',
		);
		$_GET = array( 'order_id' => '42', '_wpnonce' => 'nonce-lb_transfer_42' );
		$this->box->handle_transfer_request();
		$this->assertSame( 'transferred', LB_Fake::$orders[42]->meta[ LB_Order_Status::STATUS ] );
		$this->assertSame( '1007', LB_Fake::$orders[42]->meta[ LB_Order_Status::DOCUMENT ] );
		$this->assertSame( '', LB_Fake::$orders[42]->meta[ LB_Order_Status::ERROR ] );
	}

	public function test_renders_credit_notes_and_the_skipped_status_written_back_by_the_app() {
		$order       = LB_Fake::$orders[42];
		$order->meta = array(
			LB_Order_Status::STATUS       => 'transferred',
			LB_Order_Status::DOCUMENT     => '1007',
			LB_Order_Status::CREDIT_NOTES => '2001, 2002',
		);
		ob_start();
		$this->box->render( $order );
		$html = ob_get_clean();
		$this->assertStringContainsString( 'Credit notes:</strong> 2001, 2002', $html );

		$order->meta = array( LB_Order_Status::STATUS => 'skipped', LB_Order_Status::ERROR => 'The order was cancelled' );
		ob_start();
		$this->box->render( $order );
		$html = ob_get_clean();
		$this->assertStringContainsString( 'Not transferred (skipped)', $html );
		$this->assertStringContainsString( 'Transfer to accounting', $html );
	}

	public function test_bad_nonce_stops_before_any_request() {
		$_GET = array( 'order_id' => '42', '_wpnonce' => 'forged' );
		try {
			$this->box->handle_transfer_request();
			$this->fail( 'expected wp_die' );
		} catch ( WP_Die_Exception $e ) {
			$this->assertSame( 403, $e->status );
		}
		$this->assertSame( array(), LB_Fake::$requests );
	}

	public function test_valid_nonce_without_capability_is_refused() {
		LB_Fake::$caps = array();
		$_GET = array( 'order_id' => '42', '_wpnonce' => 'nonce-lb_transfer_42' );
		try {
			$this->box->handle_transfer_request();
			$this->fail( 'expected wp_die' );
		} catch ( WP_Die_Exception $e ) {
			$this->assertSame( 403, $e->status );
		}
		$this->assertSame( array(), LB_Fake::$requests );
	}

	public function test_app_errors_are_recorded_on_the_order() {
		LB_Fake::$response = array( 'response' => array( 'code' => 401 ), 'body' => '{"message":"Bad signature"}' );
		$_GET = array( 'order_id' => '42', '_wpnonce' => 'nonce-lb_transfer_42' );
		$this->box->handle_transfer_request();
		$this->assertSame( 'failed', LB_Fake::$orders[42]->meta[ LB_Order_Status::STATUS ] );
		$this->assertSame( 'Ledger Bridge answered 401. Bad signature', LB_Fake::$orders[42]->meta[ LB_Order_Status::ERROR ] );

		LB_Fake::$response = new WP_Error( 'http_request_failed', 'cURL error 28: timed out' );
		$this->box->handle_transfer_request();
		$this->assertStringContainsString( 'timed out', LB_Fake::$orders[42]->meta[ LB_Order_Status::ERROR ] );
	}
}
